"""The header search journey in a real browser, in Russian and English."""

import io
from pathlib import Path

import pytest

from search.tests.conftest import apply_facets, build_content

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture
def live_content(transactional_db, settings):
    from search.indexing import rebuild_documents
    from website import bootstrap
    from website.demo.context import DemoContext

    settings.ELASTICSEARCH_URL = ""
    ctx = DemoContext(stdout=io.StringIO())
    bootstrap.load(ctx)
    pages = build_content(ctx)
    rebuild_documents()
    apply_facets(pages)
    return pages


JOURNEYS = [
    (
        "ru",
        "свар",
        "Ручная дуговая сварка",
        "сварка",
        "жизненного",
        "Поддержание жизненного цикла",
        "Страницы",
    ),
    ("en", "weld", "Manual arc welding", "welding", "lifecycle", "Lifecycle support", "Pages"),
]


def test_header_search_journey_in_both_languages(live_server, browser_page, live_content):
    # One test for both languages: the transactional database is set up once (the page tree's root
    # comes from a data migration that a second transactional test would not see).
    for journey in JOURNEYS:
        journey_steps(live_server, browser_page, *journey)
    for lang, other_alphabet, nothing in (("ru", "crane", "мастовй"), ("en", "кран", "weldr")):
        for width, height in ((1366, 900), (390, 844)):
            help_states(live_server, browser_page, lang, other_alphabet, nothing, width, height)


def help_states(live_server, page, lang, other_alphabet, nothing, width, height):
    """A query in the other alphabet links the other language's results; nothing found offers the
    closest titles and the catalogue. Screenshots go to ``artifacts/`` for a look."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{live_server.url}/{lang}/search/?q={other_alphabet}")
    link = page.locator(".search-other-language a")
    assert link.is_visible()
    page.screenshot(path=str(ARTIFACTS / f"search-other-language-{lang}-{width}.png"), full_page=True)
    with page.expect_navigation():
        link.click()
    assert page.locator(".search-result").count() >= 1
    page.goto(f"{live_server.url}/{lang}/search/?q={nothing}")
    assert page.locator(".search-closest a").count() >= 1
    assert page.locator(".search-catalogue a").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.screenshot(path=str(ARTIFACTS / f"search-nothing-found-{lang}-{width}.png"), full_page=True)


def journey_steps(live_server, page, lang, typed, suggestion, query, page_query, page_title, tab_label):
    page.goto(f"{live_server.url}/{lang}/search/")
    box = page.locator("#site-search-q")
    # Suggestions appear while typing; the keyboard picks one.
    box.press_sequentially(typed, delay=40)
    option = page.get_by_role("option", name=suggestion)
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    assert page.locator("#site-search-option-0").get_attribute("aria-selected") == "true"
    with page.expect_navigation():
        box.press("Enter")
    assert f"/{lang}/" in page.url

    # Enter without a selection submits the form to the results page with highlights.
    page.goto(f"{live_server.url}/{lang}/search/")
    box = page.locator("#site-search-q")
    box.fill(query)
    with page.expect_navigation():
        box.press("Enter")
    assert page.locator(".search-result__title mark").first.inner_text().lower() == query

    # Switch to the "pages" tab and open a result.
    page.goto(f"{live_server.url}/{lang}/search/?q={page_query}")
    page.get_by_role("link", name=tab_label).click()
    page.wait_for_url("**type=page**")
    link = page.locator(".search-result__title a", has_text=page_title).first
    with page.expect_navigation():
        link.click()
    assert page.locator("h1").first.inner_text().strip() == page_title
