"""Page requests take their Wagtail site from the cache and see site changes at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from website.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def _site_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries.captured_queries if "wagtailcore_site" in q["sql"]]


def test_the_site_is_looked_up_once_then_cached(client, site_shell):
    assert _site_queries(client, "/ru/about/")
    assert _site_queries(client, "/ru/about/") == []


def test_the_search_page_reuses_the_cached_site_too(client, site_shell):
    assert client.get("/ru/about/").status_code == 200
    assert _site_queries(client, "/ru/search/?q=x") == []


def test_a_new_root_page_is_used_at_once(client, site_shell):
    assert client.get("/ru/about/").status_code == 200
    home = HomePage.objects.get(locale__language_code="ru")
    other = home.get_parent().add_child(
        instance=HomePage(title="Другой корень", slug="other-root", hero_title="Другой корень")
    )
    other.add_child(instance=StandardPage(title="Только здесь", slug="only-here"))
    site = Site.objects.get(is_default_site=True)
    site.root_page = other
    site.save()
    assert client.get("/ru/only-here/").status_code == 200
    assert client.get("/ru/about/").status_code == 404


def test_a_disallowed_host_is_refused_not_cached(client, site_shell, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    assert client.get("/ru/about/", HTTP_HOST="evil.example").status_code == 400
