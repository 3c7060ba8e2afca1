"""The search facade used by the views, the API and the commands.

It picks the backend (Elasticsearch when ``ELASTICSEARCH_URL`` is set, else the database), expands
synonyms, adds editors' promoted results, and falls back to the database backend when Elasticsearch is
unreachable or slow: the event is logged, ``/readyz`` reports search as degraded for a short while (during
which queries go straight to the database instead of waiting for the timeout again), and the user sees
results.
"""

import difflib
import logging

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.utils import normalise_query_string

from core import languages
from core.cache import cached, forget, peek, store
from search import synonyms
from search.backends import elastic_backend, elasticsearch_enabled
from search.backends.base import Hit, SearchQuery, SearchUnavailable
from search.backends.database import DatabaseBackend
from search.indexing import database_counts
from search.snippets import highlight
from search.text import clean_query, terms

logger = logging.getLogger(__name__)
DEGRADED_ENTRY = "search:elasticsearch-degraded"
DEGRADED_SECONDS = 30
PROMOTED_ENTRY = "search:promoted-queries"
PROMOTED_SECONDS = 600
MAX_PAGE = 100
# Looser than the typo correction (0.7): these are offers to choose from, not a silent replacement.
CLOSEST_CUTOFF = 0.55


def database_backend():
    return DatabaseBackend()


def mark_degraded(error):
    """Send queries to the database for ``DEGRADED_SECONDS`` (at most until the next generation).

    The flag lives in the shared cache only, with no per-process copy: clearing it (``search_index
    sync``) sends the next query of every worker to Elasticsearch again."""
    logger.warning("search: Elasticsearch unavailable, using the database backend: %s", error)
    store(DEGRADED_ENTRY, str(error)[:300] or "unavailable", DEGRADED_SECONDS, local=False)


def degraded_reason():
    return peek(DEGRADED_ENTRY, local=False)


def clear_degraded():
    forget(DEGRADED_ENTRY)


def _call(method, *args, **kwargs):
    """Run ``method`` on Elasticsearch when enabled and healthy, else (or on failure) on the database."""
    if elasticsearch_enabled() and not degraded_reason():
        try:
            return getattr(elastic_backend(), method)(*args, **kwargs)
        except SearchUnavailable as error:
            mark_degraded(error)
    return getattr(database_backend(), method)(*args, **kwargs)


def build_query(text, locale, type=None, filters=None, page=1):
    text = clean_query(text)
    page = min(max(int(page or 1), 1), MAX_PAGE)
    return SearchQuery(
        text=text,
        locale=locale,
        type=type or None,
        filters={k: v for k, v in (filters or {}).items() if v},
        page=page,
        alternatives=synonyms.expand(text) if text else [],
    )


def search(text, locale, type=None, filters=None, page=1):
    """Results for a query in ``locale``; promoted pages first on the first page."""
    sq = build_query(text, locale, type, filters, page)
    if not sq.text:
        return None
    results = _call("query", sq)
    if sq.page == 1:
        results.promoted = promotions(sq.text, locale)
        promoted_ids = {hit.page_id for hit in results.promoted}
        results.hits = [hit for hit in results.hits if hit.page_id not in promoted_ids]
    return results


def script_language(text):
    """The site language whose alphabet ``text`` is written in (Cyrillic: ru, Latin: en), or None when
    it mixes both or has no letters."""
    letters = [ch for ch in text.casefold() if ch.isalpha()]
    if not letters:
        return None
    cyrillic = sum(1 for ch in letters if "а" <= ch <= "я" or ch == "ё")
    code = "ru" if cyrillic == len(letters) else "en" if not cyrillic else None
    return code if code in languages.codes() else None


def other_languages(text, locale, results):
    """``{code: count}`` of results in the other site languages, where they may serve better: asked
    only when nothing was found in ``locale`` or the query is written in another language's alphabet,
    so an ordinary search costs no second query."""
    if results is not None and results.total and script_language(text) in (None, locale):
        return {}
    counts = {}
    for code in languages.codes():
        other = search(text, code) if code != locale else None
        if other is not None and other.total:
            counts[code] = other.total
    return counts


def closest_titles(text, locale, limit=3):
    """Titles that start like the closest words of the locale's vocabulary, for a query that found
    nothing even after typo correction ("Perhaps you were looking for")."""
    vocabulary = database_backend().vocabulary(locale)
    by_title = {}
    for word in terms(text):
        for close in difflib.get_close_matches(word, vocabulary, n=2, cutoff=CLOSEST_CUTOFF):
            for suggestion in suggest(close, locale):
                by_title.setdefault(suggestion.title, suggestion)
    return list(by_title.values())[:limit]


def suggest(text, locale):
    text = clean_query(text)
    if len(text) < 2:
        return []
    return _call("suggest", text, locale)


def _promoted_query_strings():
    return set(SearchPromotion.objects.values_list("query__query_string", flat=True).distinct())


def promoted_queries():
    """The query strings editors promoted pages for, cached for the content generation (promotions
    are declared in ``SearchConfig.invalidates_cache``).

    Nearly every search has no promotion: a set lookup answers that without a query."""
    return cached(PROMOTED_ENTRY, _promoted_query_strings, timeout=PROMOTED_SECONDS)


def promotions(text, locale):
    """Editors' picks (wagtail.contrib.search_promotions) for this query, in the page's language."""
    query_string = normalise_query_string(text)
    if query_string not in promoted_queries():
        return []
    try:
        query = Query.objects.get(query_string=query_string)
    except Query.DoesNotExist:
        return []
    words = terms(text)
    picks = []
    for promotion in query.editors_picks.select_related("page").order_by("sort_order"):
        page = promotion.page
        if page is None:
            continue
        localized = (
            page if page.locale.language_code == locale else page.get_translation_or_none(_locale_obj(locale))
        )
        if localized is not None:
            picks.append((promotion, localized))
    # A pick is shown to everyone, so only pages everyone may see: an editor's pick that later got
    # a login or password restriction (on it or on a parent) must not advertise it.
    visible = set(
        Page.objects.filter(pk__in=[page.pk for _promotion, page in picks])
        .live()
        .public()
        .values_list("pk", flat=True)
    )
    hits = []
    for promotion, localized in picks:
        if localized.pk not in visible:
            continue
        title = localized.title
        hits.append(
            Hit(
                page_id=localized.pk,
                type="promoted",
                title=title,
                title_html=highlight(title, words),
                snippet_html=highlight(promotion.description or "", words),
                url=localized.get_url() or "",
                promoted=True,
            )
        )
    return hits


def _locale_obj(code):
    return Locale.objects.filter(language_code=code).first()


def status():
    """``{"database": {...}, "documents": {...}, "elasticsearch": {...} | None}`` counts per locale/type."""
    result = {"pages": database_counts(), "documents": database_backend().status(), "elasticsearch": None}
    if elasticsearch_enabled():
        try:
            result["elasticsearch"] = elastic_backend().status()
        except SearchUnavailable as error:
            result["elasticsearch_error"] = str(error)
    return result
