"""Search test content: the relevance fixture trainers (ru + en) indexed through the real signals."""

import os
import uuid

import pytest

from catalogue.models import CatalogueIndexPage, SimulatorPage
from search import relevance
from search.models import SearchDocument, SearchFacet, SearchSynonym


@pytest.fixture(autouse=True)
def search_tier(request, settings):
    """Unit tests use the database backend; integration tests get their own Elasticsearch indices."""
    from django.core.cache import cache

    cache.clear()
    integration = request.node.get_closest_marker("integration") is not None
    if not integration:
        settings.ELASTICSEARCH_URL = ""
        yield
        return
    settings.ELASTICSEARCH_INDEX_PREFIX = (
        f"{os.environ.get('ELASTICSEARCH_INDEX_PREFIX', 'vt-search')}-{uuid.uuid4().hex[:8]}"
    )
    settings.ELASTICSEARCH_ANALYSIS_PROFILE = os.environ.get("ELASTICSEARCH_ANALYSIS_PROFILE", "full")
    # The shared 2-core machine is slow to answer a cold index; tests of the timeout set their own.
    settings.ELASTICSEARCH_TIMEOUT = 10
    yield
    from search.backends.elastic import ElasticsearchBackend

    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_TIMEOUT = 10
    ElasticsearchBackend().drop()


def set_facets(page, **facets):
    """Give a trainer's document facet values (the catalogue's taxonomy relations feed these once merged)."""
    document = SearchDocument.objects.get(page_id=page.pk)
    from search.text import normalize

    document.facets = {**document.facets, **facets}
    facet_text = " ".join(value for values in facets.values() for value in values)
    document.body = f"{document.body} {facet_text}".strip()
    document.search_body = normalize(document.body)
    document.save(update_fields=["facets", "body", "search_body"])
    SearchFacet.objects.filter(document=document).delete()
    SearchFacet.objects.bulk_create(
        SearchFacet(document=document, kind=kind, value=value)
        for kind, values in document.facets.items()
        for value in values
    )


def build_content(ctx):
    data = relevance.data()
    index_ru, index_en = ctx.ensure_pair(
        ctx.homes["ru"],
        ctx.homes["en"],
        CatalogueIndexPage,
        "catalogue",
        ru={"title": "Каталог тренажёров"},
        en={"title": "Trainer catalogue"},
    )
    pages = {}
    for item in data["trainers"]:
        ru, en = ctx.ensure_pair(
            index_ru, index_en, SimulatorPage, item["slug"], ru=item["ru"], en=item["en"]
        )
        pages[item["slug"]] = {"ru": ru, "en": en}
    for terms in data["synonyms"]:
        SearchSynonym.objects.get_or_create(terms=terms)
    build_release_notes(ctx)
    return pages


def build_release_notes(ctx):
    """The release note that the version-number relevance case looks for."""
    from datetime import date

    from simulators.models import ReleaseNotePage, ReleaseNotesIndexPage

    notes_ru, notes_en = ctx.ensure_pair(
        ctx.homes["ru"],
        ctx.homes["en"],
        ReleaseNotesIndexPage,
        "release-notes",
        ru={"title": "Заметки о выпуске"},
        en={"title": "Release notes"},
    )
    ctx.ensure_pair(
        notes_ru,
        notes_en,
        ReleaseNotePage,
        "2-4-1",
        ru={"title": "Выпуск 2.4.1", "version": "2.4.1", "release_date": date(2026, 10, 1)},
        en={"title": "Release 2.4.1", "version": "2.4.1", "release_date": date(2026, 10, 1)},
    )


def apply_facets(pages):
    for item in relevance.data()["trainers"]:
        for locale in ("ru", "en"):
            set_facets(
                pages[item["slug"]][locale],
                industry=[item["industry"][locale]],
                platform=item["platform"],
            )


@pytest.fixture
def search_content(site_shell, django_capture_on_commit_callbacks):
    from wagtail.models import Page

    from search.indexing import sync_pages

    # The site shell's pages were published before this fixture could run the commit callbacks.
    sync_pages(Page.objects.live().values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        pages = build_content(site_shell)
    apply_facets(pages)
    return pages


def found_in(client, page, q):
    """Where an anonymous visitor finds ``page`` by ``q``: the API (results or promoted), the suggest
    API and the results page (a link to it); also which backend answered the API."""
    from wagtail.models import Page

    url = Page.objects.get(pk=page.pk).get_url()  # read again: a move changes it
    locale = page.locale.language_code
    api = client.get("/api/v1/search", {"q": q, "locale": locale}).json()
    suggest = client.get("/api/v1/search/suggest", {"q": q, "locale": locale}).json()
    html = client.get(f"/{locale}/search/", {"q": q}).content.decode()
    places = set()
    if url in [hit["url"] for hit in api["results"] + api["promoted"]]:
        places.add("api")
    if url in [suggestion["url"] for suggestion in suggest["suggestions"]]:
        places.add("suggest")
    if f'href="{url}"' in html:
        places.add("page")
    return places, api["backend"]
