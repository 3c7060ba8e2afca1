"""The anonymous page cache: hits, invalidation on publish, editors and fresh banners."""

import pytest
from django.core.cache import cache
from wagtail import hooks

from website.models import StandardPage

URL = "/ru/about/"


@pytest.fixture
def page_cache(site_shell, settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield StandardPage.objects.get(slug="about", locale__language_code="ru")
    cache.clear()


def test_second_anonymous_request_is_served_from_cache(client, page_cache):
    first = client.get(URL)
    assert first["X-Page-Cache"] == "miss"
    # A change that bypasses publishing is not seen: the page comes from the cache.
    StandardPage.objects.filter(pk=page_cache.pk).update(intro="Changed behind the cache")
    second = client.get(URL)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "Changed behind the cache" not in second.content.decode()
    # Security headers are still added to the cached response.
    assert "Content-Security-Policy" in second


def test_publishing_invalidates(client, page_cache):
    client.get(URL)
    page_cache.intro = "Freshly published intro"
    page_cache.save_revision().publish()
    response = client.get(URL)
    assert response["X-Page-Cache"] == "miss"
    assert "Freshly published intro" in response.content.decode()


def test_logged_in_editor_never_gets_a_cached_page(client, page_cache, django_user_model):
    client.get(URL)
    StandardPage.objects.filter(pk=page_cache.pk).update(intro="Draft-free direct change")
    editor = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(editor)
    response = client.get(URL)
    assert "X-Page-Cache" not in response
    assert "Draft-free direct change" in response.content.decode()


def test_banners_are_fresh_on_every_hit(client, page_cache):
    banner = {"text": "First notice"}

    def site_banner(request):
        return f'<div class="site-banner">{banner["text"]}</div>'

    with hooks.register_temporarily("vt_site_banners", site_banner):
        assert "First notice" in client.get(URL).content.decode()
        banner["text"] = "Second notice"
        response = client.get(URL)
        assert response["X-Page-Cache"] == "hit"
        html = response.content.decode()
        assert "Second notice" in html and "First notice" not in html
        assert "vt-site-banners" not in html


def test_non_page_and_query_heavy_requests_are_not_cached(client, page_cache):
    assert "X-Page-Cache" not in client.get("/robots.txt")
    assert "X-Page-Cache" not in client.get(URL + "?q=" + "x" * 600)
    assert "X-Page-Cache" not in client.get("/api/v1/catalogue/simulators")


def test_responses_with_csrf_tokens_or_private_cache_control_are_not_stored(rf, page_cache):
    from django.template.response import TemplateResponse

    from website.pagecache import _is_cacheable

    request = rf.get(URL)
    response = TemplateResponse(request, "base.html", {"page": page_cache})
    response.render()
    assert _is_cacheable(request, response)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True  # the page rendered {% csrf_token %}
    assert not _is_cacheable(request, response)
    del request.META["CSRF_COOKIE_NEEDS_UPDATE"]
    response["Cache-Control"] = "private, max-age=0"
    assert not _is_cacheable(request, response)


def test_records_no_page_shows_do_not_empty_the_cache(client, page_cache):
    from support.helpdesk.models import ReferenceCounter

    client.get(URL)
    ReferenceCounter.next_reference(2026)
    assert client.get(URL)["X-Page-Cache"] == "hit"


def test_site_contacts_change_empties_the_cache(client, page_cache):
    from website.models import SiteContacts

    client.get(URL)
    contacts = SiteContacts.load()
    contacts.manager_phone = "+7 495 111-22-33"
    contacts.save()
    response = client.get(URL)
    assert response["X-Page-Cache"] == "miss"
    assert "+7 495 111-22-33" in response.content.decode()


def test_a_page_view_reads_the_generation_once(client, site_shell, settings, monkeypatch):
    from core import cache

    settings.PAGE_CACHE_ENABLED = False
    client.get(URL)  # warm the shell's cached entries
    reads = []
    read = cache._read_generations
    monkeypatch.setattr(cache, "_read_generations", lambda scopes: reads.append(scopes) or read(scopes))
    response = client.get(URL)
    assert response.status_code == 200
    # The site, the menu, the language links and the footer contacts are all cached entries.
    assert len(reads) == 1


def test_requests_outside_the_language_prefixes_never_read_the_cache(client, page_cache, monkeypatch):
    from core import cache as site_cache

    reads = []
    read = site_cache._read_generations
    monkeypatch.setattr(site_cache, "_read_generations", lambda scopes: reads.append(scopes) or read(scopes))
    # The view caches nothing itself: any read would be the page cache looking for a page.
    assert client.get("/robots.txt").status_code == 200
    assert reads == []


def test_query_string_variants_of_a_page_are_bounded(client, page_cache, monkeypatch):
    from website import pagecache

    monkeypatch.setattr(pagecache, "MAX_VARIANTS", 2)
    for n in range(3):
        client.get(f"{URL}?utm_source={n}")
    kept = [client.get(f"{URL}?utm_source={n}").get("X-Page-Cache") for n in range(3)]
    assert kept == ["hit", "hit", None]
