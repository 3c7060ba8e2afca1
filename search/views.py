"""The search results page (the header search box submits here)."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from core import languages
from core.params import parse_int
from search import service
from search.models import FACET_KINDS, TYPE_CHOICES, TYPE_KEYS, SearchDocument, SearchFacet
from search.text import clean_query

FACET_LABELS = {"industry": _("Industry"), "platform": _("Platform")}


def parse_page(value):
    """The results page asked for: past the last allowed page means the last, nonsense means the first."""
    page = parse_int(value, minimum=1)
    return min(page, service.MAX_PAGE) if page else 1


def _link(params, **changes):
    merged = {**params, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "", 1) or k == "q"})


def search(request):
    locale = languages.current()
    query = clean_query(request.GET.get("q", ""))
    type_key = request.GET.get("type", "")
    type_key = type_key if type_key in TYPE_KEYS else ""
    filters = {kind: clean_query(request.GET.get(kind, ""))[:255] for kind in FACET_KINDS}
    page = parse_page(request.GET.get("page", 1))
    results = service.search(query, locale, type=type_key, filters=filters, page=page) if query else None
    params = {"q": query, "type": type_key, **filters}
    context = {"search_query": query, "results": results, "params": params}
    if results is not None:
        all_count = sum(results.type_counts.values())
        context["tabs"] = [
            {"key": "", "label": _("All"), "count": all_count, "url": _link(params, type="", page=None)},
            *[
                {
                    "key": key,
                    "label": label,
                    "count": results.type_counts.get(key, 0),
                    "url": _link(params, type=key, page=None),
                }
                for key, label in TYPE_CHOICES
            ],
        ]
        context["facet_groups"] = [
            {
                "kind": kind,
                "label": FACET_LABELS[kind],
                "values": [
                    {
                        "value": value,
                        "count": count,
                        "active": filters[kind] == value,
                        "url": _link(params, **{kind: "" if filters[kind] == value else value}, page=None),
                    }
                    for value, count in results.facets.get(kind, [])
                ],
            }
            for kind in FACET_KINDS
            if results.facets.get(kind)
        ]
        labels = dict(TYPE_CHOICES)
        for hit in results.hits:
            hit.type_label = labels.get(hit.type, "")
        context["start"] = (results.page - 1) * results.page_size + 1
        if results.has_next:
            context["next_url"] = _link(params, page=results.page + 1)
        if results.has_previous:
            context["previous_url"] = _link(params, page=results.page - 1)
        if results.corrected:
            context["corrected_url"] = _link({"q": results.corrected})
    if results is None or not results.total:
        context["suggested_queries"] = suggested_queries(locale)
    return render(request, "search/results.html", context)


def suggested_queries(locale, limit=6):
    """Popular facet values (industries) as ready-made searches for the empty and no-result states."""
    rows = (
        SearchFacet.objects.filter(document__locale=locale, kind="industry")
        .values_list("value", flat=True)
        .distinct()
        .order_by("value")[:limit]
    )
    values = list(rows)
    if not values:
        values = list(
            SearchDocument.objects.filter(locale=locale, type="trainer")
            .order_by("title")
            .values_list("title", flat=True)[:limit]
        )
    return [{"text": value, "url": _link({"q": value})} for value in values]
