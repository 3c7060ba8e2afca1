"""The search results page (the header search box submits here)."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from catalogue.queries import catalogue_page_for
from core import languages
from core.params import parse_int
from search import service
from search.models import FACET_KINDS, TYPE_CHOICES, TYPE_KEYS, SearchDocument, SearchFacet
from search.text import clean_query

FACET_LABELS = {"industry": _("Industry"), "platform": _("Platform")}
# Said on the page of the other language, so each needs its own phrase ("на английском").
OTHER_LANGUAGE_LABELS = {"en": _("Results in English"), "ru": _("Results in Russian")}


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
    if query:
        context["other_languages"] = [
            {
                "count": count,
                "label": OTHER_LANGUAGE_LABELS.get(code, code),
                "code": code,
                "url": _search_url(code, query),
            }
            for code, count in service.other_languages(query, locale, results).items()
        ]
    if results is None or not results.total:
        context["suggested_queries"] = suggested_queries(locale)
        if query:
            context["closest"] = service.closest_titles(query, locale)
            catalogue = catalogue_page_for(Locale.objects.filter(language_code=locale).first())
            context["catalogue_url"] = catalogue.get_url(request) if catalogue else ""
    return render(request, "search/results.html", context)


def _search_url(code, query):
    with translation.override(code):
        return reverse("search:results") + _link({"q": query})


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
