"""Demo data for search: editors' synonyms, a promoted result, and a full index rebuild."""

from django.apps import apps
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from core import languages
from search import relevance
from search.backends import elastic_backend, elasticsearch_enabled
from search.indexing import rebuild_documents
from search.models import SearchSynonym
from search.service import clear_degraded

PROMOTED_QUERY = "охрана труда"


def load(ctx):
    for terms in relevance.data()["synonyms"]:
        SearchSynonym.objects.get_or_create(terms=terms)
    promote(ctx)
    counts = rebuild_documents()
    ctx.log(f"search: {sum(counts.values())} documents ({counts})")
    if elasticsearch_enabled():
        try:
            es_counts = elastic_backend().rebuild()
        except Exception as error:  # the demo still works on the database backend
            ctx.log(f"search: Elasticsearch rebuild skipped ({error}); run `manage.py search_index rebuild`")
        else:
            clear_degraded()
            ctx.log(f"search: Elasticsearch indices rebuilt {es_counts}")


def promote(ctx):
    """Promote the work-at-height trainer (or the first trainer) for the query "охрана труда"."""
    try:
        model = apps.get_model("catalogue.SimulatorPage")
    except LookupError:
        return
    pages = model.objects.live().filter(locale__language_code=languages.default())
    page = pages.filter(title__icontains="высот").first() or pages.order_by("pk").first()
    if page is None:
        return
    query = Query.get(PROMOTED_QUERY)
    SearchPromotion.objects.update_or_create(
        query=query,
        sort_order=0,
        defaults={"page": page, "description": "Рекомендуем начать с этого тренажёра."},
    )
    ctx.log(f"search: promoted «{page.title}» for «{PROMOTED_QUERY}»")
