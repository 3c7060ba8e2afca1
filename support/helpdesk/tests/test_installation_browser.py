"""The support form opened by a trainer's deep link, in Chromium, in Russian and English on a desktop and
a phone: the installation arrives prefilled. Screenshots land in ``artifacts/support-deep-link-*.png``."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts"


@pytest.mark.parametrize("width", [1366, 390])
def test_deep_link_prefills_the_form(live_server, support_pages, chromium, width):
    ARTIFACTS.mkdir(exist_ok=True)
    _pages, trainers = support_pages
    for language in ("ru", "en"):
        context = chromium.new_context(viewport={"width": width, "height": 900}, locale=f"{language}-RU")
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            query = "version=1.4.0&platform=android_headset&device=Pico%204&firmware=5.7.1&mode=offline"
            page.goto(f"{live_server.url}/{language}/support/?trainer={trainers[language].pk}&{query}")
            form = page.locator("#fault-report-form")
            expect(form.locator("select[name=trainer]")).to_have_value(str(trainers[language].pk))
            expect(form.locator("#id_trainer_version")).to_have_value("1.4.0")
            expect(form.locator("#id_device_model")).to_have_value("Pico 4")
            expect(form.locator("#id_firmware")).to_have_value("5.7.1")
            expect(form.locator("#id_mode")).to_have_value("offline")
            form.locator("#support-installation").scroll_into_view_if_needed()
            overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"the {language} form scrolls sideways at {width}px"
            page.screenshot(path=str(ARTIFACTS / f"support-deep-link-{language}-{width}.png"), full_page=True)
        finally:
            context.close()
