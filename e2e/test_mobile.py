"""The public site on a 390 px phone and a 1366 px desktop, in both languages: under 768 px the
navigation folds behind a menu button and the catalogue's filters behind a "Filters (n)" button with
the results first; nothing scrolls sideways and every control is a 44 px tap target. Screenshots of
each state land in ``artifacts/``."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from e2e.pages import FIRST_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
MENU = {"ru": "Меню", "en": "Menu"}
FILTERS = {"ru": "Фильтры", "en": "Filters"}
# Controls a finger has to hit; each must be at least 44 x 44 px where it is shown.
TAP_TARGETS = (
    ".site-nav__list a, .language-switch a, .site-header__menu-toggle, .site-search__button, "
    "a.button, button, .catalogue-filters__option, .pagination a"
)
SMALL_TARGETS = """(selector) => [...document.querySelectorAll(selector)]
  .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden")
  .map((el) => [el, el.getBoundingClientRect()])
  .filter(([, box]) => box.width < 44 || box.height < 44)
  .map(([el, box]) => `${el.className || el.tagName} "${el.textContent.trim().slice(0, 30)}" `
    + `${box.width.toFixed(0)}x${box.height.toFixed(0)}`)"""
# Adds up the page's layout shifts from its start (the Cumulative Layout Shift Lighthouse weighs).
COUNT_LAYOUT_SHIFTS = """window.layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.layoutShift += entry.value;
}).observe({type: "layout-shift", buffered: true});"""


@pytest.fixture
def demo(live_server):
    call_command("load_demo", stdout=io.StringIO())
    return live_server.url


@pytest.fixture
def phone(chromium):
    contexts = []

    def open_page(language, **options):
        viewport = {"width": 390, "height": 844}
        context = chromium.new_context(viewport=viewport, locale=f"{language}-RU", **options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def _shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"mobile-{name}.png"), full_page=True)


def _assert_no_sideways_scroll(page):
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths}"


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_menu_button_opens_the_navigation_on_a_phone(demo, phone, language):
    page = phone(language)
    page.goto(f"{demo}/{language}/")
    nav = page.locator("#site-nav")
    button = page.get_by_role("button", name=MENU[language])
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_have_attribute("aria-controls", "site-nav")
    expect(nav).to_be_hidden()
    # Search and the language switch stay reachable with the menu closed.
    expect(page.locator("#site-search-q")).to_be_visible()
    expect(page.locator(".language-switch a[data-language='en']")).to_be_visible()

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    expect(nav.get_by_role("link").first).to_be_visible()
    _shot(page, f"390-{language}-menu-open")
    button.click()
    expect(nav).to_be_hidden()


def test_without_javascript_the_navigation_stays_open(demo, phone):
    page = phone("ru", java_script_enabled=False)
    page.goto(f"{demo}/ru/catalogue/")
    expect(page.locator("#site-nav")).to_be_visible()
    expect(page.locator(".site-header__menu-toggle")).to_be_hidden()
    # The filters follow the results instead of folding away.
    results = page.locator(".catalogue__results").bounding_box()
    filters = page.locator("#catalogue-filters").bounding_box()
    assert results["y"] < filters["y"]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_catalogue_filters_fold_behind_a_counted_button_with_results_first(demo, phone, language):
    page = phone(language)
    page.goto(f"{demo}/{language}/catalogue/")
    toggle = page.locator(".catalogue__filters-toggle")
    expect(toggle).to_have_text(FILTERS[language])
    expect(page.locator("#catalogue-filters")).to_be_hidden()

    page.goto(f"{demo}/{language}/catalogue/?industry=mining&platform=windows&duration_min=10")
    expect(toggle).to_have_text(f"{FILTERS[language]} (3)")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    filters = page.locator("#catalogue-filters")
    expect(filters).to_be_hidden()
    results = page.locator(".catalogue__results")
    expect(results.locator(".card").first).to_be_visible()
    assert toggle.bounding_box()["y"] < results.bounding_box()["y"]
    _shot(page, f"390-{language}-catalogue")

    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(filters).to_be_visible()
    expect(filters.locator("input[value='mining']")).to_be_checked()
    _shot(page, f"390-{language}-catalogue-filters-open")


@pytest.mark.parametrize("language", ["ru", "en"])
def test_phone_pages_do_not_scroll_sideways_and_have_44px_tap_targets(demo, phone, language):
    page = phone(language)
    for path in FIRST_PAGES.values():
        page.goto(f"{demo}/{language}/{path}")
        _assert_no_sideways_scroll(page)
        # Open what folds, so its controls are measured too.
        page.locator(".site-header__menu-toggle").click()
        if page.locator(".catalogue__filters-toggle").is_visible():
            page.locator(".catalogue__filters-toggle").click()
        _assert_no_sideways_scroll(page)
        small = page.evaluate(SMALL_TARGETS, TAP_TARGETS)
        assert not small, f"{page.url}: tap targets under 44 px: {small}"
        _shot(page, f"390-{language}-{path.strip('/').replace('/', '-') or 'home'}")


def test_phone_pages_do_not_shift_once_scripts_run(demo, phone):
    """The navigation and the filters are folded from the first paint, not when site.js runs: a page
    that jumps up under the reader's finger is what Lighthouse's layout-shift score punishes."""
    page = phone("ru")
    page.add_init_script(COUNT_LAYOUT_SHIFTS)
    for path in FIRST_PAGES.values():
        page.goto(f"{demo}/ru/{path}", wait_until="load")
        # Shifts are reported after they happen: give the observer a frame or two.
        page.wait_for_timeout(300)
        shift = page.evaluate("window.layoutShift")
        assert shift < 0.05, f"{page.url} shifts by {shift:.3f} after its first paint"


@pytest.mark.parametrize("language", ["ru", "en"])
def test_desktop_keeps_the_navigation_and_the_filter_sidebar(demo, chromium, language):
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale=f"{language}-RU")
    try:
        page = context.new_page()
        page.goto(f"{demo}/{language}/catalogue/?industry=mining")
        expect(page.locator(".site-header__menu-toggle")).to_be_hidden()
        expect(page.locator("#site-nav")).to_be_visible()
        expect(page.locator(".catalogue__filters-toggle")).to_be_hidden()
        filters = page.locator("#catalogue-filters")
        expect(filters).to_be_visible()
        # A sidebar: the filters sit beside the results, not above or below them.
        assert filters.bounding_box()["x"] < page.locator(".catalogue__results").bounding_box()["x"]
        _assert_no_sideways_scroll(page)
        _shot(page, f"1366-{language}-catalogue")
    finally:
        context.close()
