"""Browser journeys over the site shell: both languages, the header search and the language switch."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shell(site_shell, live_server):
    return live_server.url


def test_home_page_renders_in_russian_and_english(shell, browser_page):
    browser_page.goto(f"{shell}/")
    expect(browser_page).to_have_url(re.compile(r"/ru/$"))
    expect(browser_page.locator("html")).to_have_attribute("lang", "ru")
    expect(browser_page.get_by_role("heading", level=1)).to_contain_text("виртуальных тренажёров")
    expect(browser_page.locator("footer")).to_contain_text("support@vt-pro.ru")

    browser_page.goto(f"{shell}/en/")
    expect(browser_page.locator("html")).to_have_attribute("lang", "en")
    expect(browser_page.get_by_role("heading", level=1)).to_contain_text("virtual trainers")


def test_header_search_box_submits_to_the_search_page(shell, browser_page):
    browser_page.goto(f"{shell}/ru/about/")
    box = browser_page.locator("#site-search-q")
    box.fill("жизненного цикла")
    box.press("Enter")
    expect(browser_page).to_have_url(re.compile(r"/ru/search/\?q="))
    expect(browser_page.locator("#site-search-q")).to_have_value("жизненного цикла")
    expect(browser_page.locator("main")).to_contain_text("Поддержание жизненного цикла")


def test_language_switch_keeps_the_page(shell, browser_page):
    browser_page.goto(f"{shell}/ru/lifecycle/")
    browser_page.locator(".language-switch a[data-language='en']").click()
    expect(browser_page).to_have_url(f"{shell}/en/lifecycle/")
    expect(browser_page.get_by_role("heading", level=1)).to_have_text("Lifecycle support")
    browser_page.locator(".language-switch a[data-language='ru']").click()
    expect(browser_page).to_have_url(f"{shell}/ru/lifecycle/")


def test_navigation_is_usable_on_a_phone(shell, chromium):
    context = chromium.new_context(viewport={"width": 375, "height": 740}, locale="ru-RU")
    page = context.new_page()
    try:
        page.goto(f"{shell}/ru/")
        expect(page.locator("#site-search-q")).to_be_visible()
        # Under 768 px the navigation sits behind the menu button (e2e/test_mobile.py checks it in depth).
        page.get_by_role("button", name="Меню").click()
        expect(page.get_by_role("navigation", name="Основная навигация")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"page scrolls horizontally on a phone ({width}px)"
    finally:
        context.close()
