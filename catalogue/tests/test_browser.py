"""Browser flows of the catalogue (Playwright + Chromium against a live server)."""

import re

import pytest

from catalogue.tests.conftest import make_trainer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def facet_count(page, facet, slug):
    label = page.locator(f'fieldset[data-facet="{facet}"] label:has(input[value="{slug}"])')
    return int(label.locator(".catalogue-filters__count").get_attribute("data-count"))


def test_learner_filters_opens_a_trainer_and_switches_to_english(live_server, catalogue, browser_page):
    ctx = catalogue
    make_trainer(ctx, "weld-vr", "welding", ["quest-3", "windows"], minutes=40)
    make_trainer(ctx, "weld-pc", "welding", ["windows"], minutes=20)
    make_trainer(ctx, "fire-vr", "fire-safety", ["quest-3"], minutes=15)
    page = browser_page

    page.goto(f"{live_server.url}/ru/catalogue/")
    assert page.locator(".trainer-card").count() == 3
    assert facet_count(page, "platform", "quest-3") == 2

    page.locator('fieldset[data-facet="industry"] input[value="welding"]').check()
    page.get_by_role("button", name="Применить фильтры").click()
    page.wait_for_url(re.compile(r"industry=welding"))
    assert page.locator(".trainer-card").count() == 2
    assert facet_count(page, "platform", "quest-3") == 1  # counts follow the industry filter

    page.locator('fieldset[data-facet="platform"] input[value="quest-3"]').check()
    page.get_by_role("button", name="Применить фильтры").click()
    page.wait_for_url(re.compile(r"platform=quest-3"))
    assert page.locator(".trainer-card").count() == 1
    assert facet_count(page, "industry", "fire-safety") == 1  # counts follow the platform filter

    page.get_by_role("link", name="weld-vr ru").click()
    page.wait_for_url(re.compile(r"/ru/catalogue/weld-vr/$"))
    assert page.locator("h1").inner_text() == "weld-vr ru"

    page.locator('.language-switch a[data-language="en"]').click()
    page.wait_for_url(re.compile(r"/en/catalogue/weld-vr/$"))
    assert page.locator("h1").inner_text() == "weld-vr en"
    assert page.locator(".trainer__facts").get_by_text("Welding").count() == 1
