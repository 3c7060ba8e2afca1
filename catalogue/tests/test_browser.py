"""Browser flows of the catalogue (Playwright + Chromium against a live server)."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from catalogue.models import Industry, SimulatorPage
from catalogue.tests.conftest import make_trainer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SERVER_MS = 15_000  # how long an expectation may wait for the server (a busy CI machine)


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


def translate_segment(page, source, translation):
    """Translate one segment in wagtail-localize's editor and wait until the server has saved it."""
    segment = page.locator("li > p", has_text=source).locator("..")  # the segment's source text
    segment.get_by_role("button", name="Перевести").click()
    segment.locator("textarea").fill(translation)
    segment.get_by_role("button", name="Сохранить").click()
    # While saving, the segment already looks "complete"; "Edit" appears once the PUT has answered.
    expect(segment.get_by_role("button", name="Редактировать")).to_be_visible(timeout=SERVER_MS)
    expect(segment).to_have_class("complete")  # "errored" if the server refused it


def test_editor_publishes_and_translates_a_trainer_found_in_both_catalogues(
    live_server, catalogue, browser_page, settings
):
    """An editor creates and publishes a trainer in the admin, translates it to English through
    wagtail-localize, and a visitor finds it in the Russian and the English catalogue."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # see support/tests/maintenance/test_browser.py
    page = browser_page
    ru_index = catalogue.catalogue["ru"]
    get_user_model().objects.create_superuser("editor-catalogue", "ed@example.com", "pw-browser-1")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor-catalogue")
    page.fill("#id_password", "pw-browser-1")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")

    # The Russian trainer, with what publishing requires: an industry, a platform and a hero image.
    page.goto(f"{live_server.url}/admin/pages/add/catalogue/simulatorpage/{ru_index.pk}/")
    page.fill("#id_title", "Сварка труб в VR")
    page.fill("#id_summary", "Тренажёр ручной дуговой сварки труб.")
    # The image chooser's modal is Wagtail's own; what it leaves behind is the chosen image's id.
    image = catalogue.images["welding"]
    page.locator("input[name='hero_image']").evaluate("(input, pk) => { input.value = pk; }", str(image.pk))
    page.get_by_role("tab", name="О тренажёре").click()
    page.select_option("#id_industries", label="Сварочное производство")
    page.select_option("#id_platforms", label="ПК с Windows")
    page.fill("#id_duration_minutes", "45")
    page.select_option("#id_difficulty", "intermediate")
    page.get_by_role("tab", name="SEO").click()
    page.fill("#id_slug", "pipe-welding")
    # The publish button sits in the footer's dropdown (see support/tests/maintenance/test_browser.py).
    page.locator("button[name='action-publish']").evaluate("button => button.click()")
    page.wait_for_url(f"**/admin/pages/{ru_index.pk}/")  # a published new page leads to its parent
    page_ru = SimulatorPage.objects.get(locale__language_code="ru", slug="pipe-welding")
    assert page_ru.live

    # "Translate this page" from the page header's actions, into English.
    page.goto(f"{live_server.url}/admin/pages/{page_ru.pk}/edit/")
    page.locator("#w-slim-header-buttons .w-dropdown__toggle").click()
    page.get_by_role("link", name="Перевести эту страницу").click()
    page.wait_for_url(f"**/localize/submit/page/{page_ru.pk}/")
    page.get_by_label("English").check()
    page.locator("main").get_by_role("button", name="Отправить").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))  # the translation editor of the copy

    translate_segment(page, "Сварка труб в VR", "Pipe welding in VR")
    translate_segment(page, "Тренажёр ручной дуговой сварки труб.", "A manual arc pipe welding trainer.")
    page.get_by_role("tab", name="SEO").click()
    translate_segment(page, "pipe-welding", "pipe-welding")
    page.locator("footer button[name=action][value=publish]").click()
    expect(page.locator(".messages li.success")).to_contain_text("Pipe welding in VR", timeout=SERVER_MS)

    page_en = SimulatorPage.objects.get(locale__language_code="en", slug="pipe-welding")
    assert page_en.live and page_en.title == "Pipe welding in VR"
    assert page_en.translation_key == page_ru.translation_key
    # wagtail-localize copies the many-to-many as it is; the term is the same (shared translation_key),
    # and the English catalogue shows it with its English name.
    welding_en = Industry.objects.get(locale__language_code="en", slug="welding")
    assert [i.translation_key for i in page_en.industries.all()] == [welding_en.translation_key]

    # An anonymous visitor finds the trainer in both catalogues.
    page.context.clear_cookies()
    for lang, title, industry, platform in (
        ("ru", "Сварка труб в VR", "Сварочное производство", "ПК с Windows"),
        ("en", "Pipe welding in VR", "Welding", "Windows PC"),
    ):
        page.goto(f"{live_server.url}/{lang}/catalogue/?industry=welding")  # filters match by slug
        card = page.locator(".trainer-card", has_text=title)
        expect(card.locator(".tag")).to_have_text([industry, platform])
        card.get_by_role("link", name=title).click()
        page.wait_for_url(f"**/{lang}/catalogue/pipe-welding/")
        expect(page.locator("h1")).to_have_text(title)
