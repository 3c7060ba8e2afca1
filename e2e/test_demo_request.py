"""From a trainer page to a demo request, in both languages, on a desktop and a phone: the button opens
the form with the trainer chosen, a wrong phone comes back with the message in the page's language and
what was typed, a corrected form lands on the confirmation and in the outbox for sales staff.
Screenshots of the form, the errors and the confirmation land in ``artifacts/demo-request-*.png``."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from catalogue.models import SimulatorPage
from support.notifications.models import OutboxMessage
from website.models import DemoRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
TRAINER = "anchor-points"
TEXTS = {
    "ru": {
        "cta": "Запросить демонстрацию",
        "send": "Отправить запрос",
        "phone_error": "Введите корректный номер телефона",
        "thanks": "Спасибо, ваш запрос получен",
        "organisation": "АО «Северная энергосетевая компания»",
        "message": "Покажите тренажёр в нашем учебном центре в марте.",
    },
    "en": {
        "cta": "Request a demo",
        "send": "Send request",
        "phone_error": "Enter a valid phone number",
        "thanks": "Thank you, your request has been received",
        "organisation": "Northern Grid Company Ltd",
        "message": "Please show the trainer at our training centre in March.",
    },
}


@pytest.fixture
def demo(live_server, settings):
    settings.DEMO_REQUEST_RATE = "1000/m"
    call_command("load_demo", stdout=io.StringIO())
    return live_server.url


def _no_sideways_scroll(page, label):
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{label} scrolls sideways by {overflow}px"


@pytest.mark.parametrize("width", [1366, 390])
def test_request_a_demo_from_the_trainer_page(demo, chromium, width):
    ARTIFACTS.mkdir(exist_ok=True)
    for language, texts in TEXTS.items():
        trainer = SimulatorPage.objects.get(slug=TRAINER, locale__language_code=language)
        context = chromium.new_context(viewport={"width": width, "height": 900}, locale=f"{language}-RU")
        page = context.new_page()
        try:
            page.goto(f"{demo}/{language}/catalogue/{TRAINER}/")
            page.get_by_role("link", name=texts["cta"]).click()
            expect(page).to_have_url(re.compile(rf"/{language}/demo/\?trainer={trainer.pk}$"))
            form = page.locator("#demo-request-form")
            expect(form.locator("select[name=trainer]")).to_have_value(str(trainer.pk))
            form.locator("input[name=name]").fill("Анна Смирнова" if language == "ru" else "Anna Smith")
            form.locator("input[name=organisation]").fill(texts["organisation"])
            form.locator("input[name=email]").fill("anna@example.com")
            form.locator("input[name=phone]").fill("12345")
            form.locator("input[name=learners]").fill("40")
            form.locator("textarea[name=message]").fill(texts["message"])
            _no_sideways_scroll(page, f"the {language} form at {width}px")
            page.screenshot(path=str(ARTIFACTS / f"demo-request-{language}-{width}-form.png"), full_page=True)

            form.get_by_role("button", name=texts["send"]).click()
            expect(page.get_by_text(texts["phone_error"])).to_be_visible()
            expect(
                page.get_by_text("Without your consent" if language == "en" else "Без вашего согласия")
            ).to_be_visible()
            expect(form.locator("input[name=organisation]")).to_have_value(texts["organisation"])
            expect(form.locator("select[name=trainer]")).to_have_value(str(trainer.pk))
            _no_sideways_scroll(page, f"the {language} errors at {width}px")
            page.screenshot(
                path=str(ARTIFACTS / f"demo-request-{language}-{width}-errors.png"), full_page=True
            )

            form.locator("input[name=phone]").fill("+7 916 123-45-67")
            form.locator("input[name=consent]").check()
            form.get_by_role("button", name=texts["send"]).click()
            expect(page.get_by_role("heading", name=texts["thanks"])).to_be_visible()
            expect(page).to_have_url(re.compile(rf"/{language}/demo/\?sent=1$"))
            page.reload()  # post/redirect/get: nothing is sent twice
            page.screenshot(path=str(ARTIFACTS / f"demo-request-{language}-{width}-sent.png"), full_page=True)
        finally:
            context.close()
        request = DemoRequest.objects.get(organisation=texts["organisation"])
        assert (request.trainer_id, request.phone, request.language) == (trainer.pk, "+79161234567", language)
        assert OutboxMessage.objects.filter(template="demo_request", source_id=str(request.pk)).count() == 1
