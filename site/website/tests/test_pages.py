import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase  # noqa: F401 - documents the helpers we mirror
from wagtail_localize.models import Translation

from website.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def test_root_redirects_to_russian(client, site_shell):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ru/"


@pytest.mark.parametrize(
    ("url", "title", "lang"),
    [
        ("/ru/", "Онлайн-платформа виртуальных тренажёров", "ru"),
        ("/en/", "The online platform of virtual trainers", "en"),
    ],
)
def test_home_page_renders_in_each_language(client, site_shell, url, title, lang):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert title in html
    assert f'<html lang="{lang}">' in html


def test_header_has_navigation_search_and_language_switch(client, site_shell):
    html = client.get("/ru/about/").content.decode()
    assert 'role="search"' in html
    assert f'action="{reverse("search:results")}"' in html
    assert '<a href="/ru/lifecycle/"' in html
    assert 'href="/en/about/" hreflang="en"' in html
    assert 'hreflang="ru" href="http://testserver/ru/about/"' in html


def test_language_switch_points_to_the_translation(client, site_shell):
    html = client.get("/en/lifecycle/").content.decode()
    assert 'href="/ru/lifecycle/" hreflang="ru"' in html
    assert "Lifecycle support" in html


def test_lifecycle_page_carries_the_service_rules(client, site_shell):
    html = client.get("/ru/lifecycle/").content.decode()
    assert "support@vt-pro.ru" in html
    assert "не менее чем за 3 (три) рабочих дня" in html
    assert "Неисправность не считается таковой" in html


def test_footer_shows_support_contacts(client, site_shell):
    html = client.get("/en/contacts/").content.decode()
    assert 'href="mailto:support@vt-pro.ru"' in html
    assert "personal manager" in html


def test_unknown_page_gives_the_404_page(client, site_shell):
    response = client.get("/ru/no-such-page/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode() or "Page not found" in response.content.decode()


def test_load_demo_is_idempotent(site_shell):
    from io import StringIO

    from django.core.management import call_command

    before = Page.objects.count()
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    assert HomePage.objects.count() == 2
    assert StandardPage.objects.count() == 6
    assert Page.objects.count() >= before
    # Every English demo page is a wagtail-localize translation of its Russian page, so it can be synced.
    english = Page.objects.filter(locale__language_code="en", depth__gt=1)
    synced = Translation.objects.filter(
        target_locale__language_code="en", source__object_id__in=english.values("translation_key")
    )
    assert english.count() == synced.count() > 30


def test_page_tree_rules():
    assert HomePage.parent_page_types == ["wagtailcore.Page"]
    assert StandardPage.can_create_at(HomePage())


def test_sitemap_and_robots(client, site_shell):
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert b"/ru/lifecycle/" in sitemap.content
    assert b"/en/lifecycle/" in sitemap.content
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert b"Sitemap: http://testserver/sitemap.xml" in robots.content


@pytest.mark.parametrize("url", ["/api/v1/no-such-endpoint", "/api/v1/catalogue/nothing-here", "/feeds/nope"])
def test_unknown_non_localized_urls_are_404_not_language_redirects(client, site_shell, url):
    response = client.get(url)
    assert response.status_code == 404


def test_unknown_api_url_answers_json(client, site_shell):
    response = client.get("/api/v1/no-such-endpoint")
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


@pytest.mark.django_db
def test_favicon_is_found(client, site_shell):
    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".ico") and "website/img/favicon" in response["Location"]
    assert finders.find("website/img/favicon.ico")
    body = client.get("/ru/").content.decode()
    assert 'rel="icon"' in body and "favicon.svg" in body


class _MainText(HTMLParser):
    """The text of a page's <main>, without scripts and styles."""

    def __init__(self):
        super().__init__()
        self.main = self.hidden = 0
        self.texts = []

    def handle_starttag(self, tag, attrs):
        self.main += tag == "main"
        self.hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.main -= tag == "main"
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if self.main and not self.hidden and data.strip():
            self.texts.append(data.strip())


def test_english_demo_pages_have_no_russian_text(client, demo_site):
    """Every English page reads in English: list items of trainer bodies (objectives, scenario steps,
    specifications, FAQ) too, which reach the translation only when stored with their ids."""
    english = Page.objects.live().filter(locale__language_code="en", depth__gt=1).specific()
    russian = {}
    for page in english:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        parser = _MainText()
        parser.feed(response.content.decode())
        found = [text for text in parser.texts if re.search("[А-Яа-яЁё]", text)]
        if found:
            russian[page.url] = found[:3]
    assert english.count() > 40
    assert russian == {}
