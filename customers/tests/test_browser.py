"""The registry's screens in Chromium, in Russian and English on a desktop and a phone: the UIN lookup and
the import preview with a row's error. Screenshots land in ``artifacts/customers-*.png``."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
TEXTS = {
    "ru": {"licences": "Лицензии", "errors": "ничего не импортировано"},
    "en": {"licences": "Licences", "errors": "nothing was imported"},
}


def _login(chromium, live_server, language, width):
    username = f"chief-{language}"
    user = get_user_model().objects.create_superuser(username, f"{username}@vt-pro.ru", "pw-chief-123")
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale=f"{language}-RU")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-chief-123")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    return context, page


def _no_sideways_scroll(page, label):
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{label} scrolls sideways by {overflow}px"


@pytest.mark.parametrize("width", [1366, 390])
def test_uin_lookup_and_import_preview(live_server, chromium, customer, width, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    bad_file = tmp_path / "uins.csv"
    bad_file.write_text("УИН\nUIN-501\n" + "X" * 40 + "\nUIN-502\n", encoding="utf-8")
    for language, texts in TEXTS.items():
        context, page = _login(chromium, live_server, language, width)
        try:
            page.goto(f"{live_server.url}/admin/customers/lookup/")
            page.fill("#id_uin", "UIN-100")
            page.press("#id_uin", "Enter")
            block = page.locator("#uin-installation")
            expect(block).to_contain_text("АО «Кран-Сервис»")
            expect(block).to_contain_text("+79161234567")
            expect(block.get_by_role("heading", name=texts["licences"])).to_be_visible()
            _no_sideways_scroll(page, f"the {language} lookup at {width}px")
            page.screenshot(path=str(ARTIFACTS / f"customers-lookup-{language}-{width}.png"), full_page=True)

            page.goto(f"{live_server.url}/admin/customers/uins/import/")
            page.select_option("#id_customer", str(customer.pk))
            page.set_input_files("#id_file", str(bad_file))
            page.click("form[enctype] button[type=submit]")
            expect(page.locator("#import-errors")).to_contain_text("32")
            expect(page.get_by_role("alert").first).to_contain_text(texts["errors"])
            _no_sideways_scroll(page, f"the {language} import preview at {width}px")
            page.screenshot(path=str(ARTIFACTS / f"customers-import-{language}-{width}.png"), full_page=True)
        finally:
            context.close()
