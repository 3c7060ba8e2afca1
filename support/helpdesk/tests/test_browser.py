"""The learner/staff journey in Chromium: errors, reference, information request, reply, resolution."""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from support.helpdesk.models import FaultReport
from support.helpdesk.tests.test_views import png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts"


def test_fault_report_journey(live_server, support_pages, browser_page, chromium, sms_sent):
    page = browser_page
    page.goto(f"{live_server.url}/ru/support/")
    page.fill("#id_full_name", "Иванова Мария Петровна")
    page.fill("#id_uin", "!")
    page.fill("#id_phone", "12")
    page.fill("#id_description", "коротко")
    page.click("main form[method=post] button[type=submit]")
    expect(page.locator(".form-error").first).to_be_visible()
    assert "Введите корректный номер телефона" in page.content()
    assert page.input_value("#id_full_name") == "Иванова Мария Петровна"
    assert FaultReport.objects.count() == 0

    page.fill("#id_uin", "UIN-2026-77")
    page.fill("#id_phone", "+7 916 555-44-33")
    page.fill("#id_email", "maria@example.com")
    page.fill("#id_description", "Тренажёр зависает на втором уровне после обновления")
    page.check("#id_consent")
    page.click("main form[method=post] button[type=submit]")
    reference = page.locator(".support-reference").inner_text()
    assert re.fullmatch(r"VT-\d{4}-\d{6}", reference)
    report = FaultReport.objects.get(reference=reference)
    assert report.environment.get("os")  # filled by environment.js
    page.click(".support-track-link")
    tracking_url = page.url
    expect(page.locator("#report-status")).to_have_text("Новое")

    admin = get_user_model().objects.create_superuser("chief", "chief@vt-pro.ru", "pw-chief-123")
    staff_context = chromium.new_context(locale="ru-RU")
    staff = staff_context.new_page()
    staff.set_default_timeout(15_000)
    try:
        staff.goto(f"{live_server.url}/admin/login/")
        staff.fill("#id_username", "chief")
        staff.fill("#id_password", "pw-chief-123")
        staff.click("button[type=submit]")
        staff.wait_for_url(re.compile(r"/admin/$"))
        staff.goto(f"{live_server.url}/admin/support_faultreport/")
        staff.click(f"text={reference}")
        staff.click("form[data-action=review] button")
        expect(staff.locator("#report-status")).to_contain_text("На рассмотрении")
        staff.fill("#message-request_info", "Пришлите, пожалуйста, снимок экрана")
        staff.click("form[data-action=request_info] button")
        expect(staff.locator("#report-status")).to_contain_text("Ожидается информация")

        page.goto(tracking_url)
        expect(page.locator("#report-status")).to_have_text("Ожидается информация")
        assert "Пришлите, пожалуйста, снимок экрана" in page.content()
        page.fill("#id_message", "Снимок приложить не могу, ошибка появляется сразу")
        page.click("main form[method=post] button[type=submit]")
        expect(page.locator("#report-status")).to_have_text("На рассмотрении")

        staff.reload()
        staff.click("form[data-action=start_work] button")
        expect(staff.locator("#report-status")).to_contain_text("В работе")
        staff.fill("#message-resolve", "Исправлено в сборке 2.4.1")
        staff.click("form[data-action=resolve] button")
        expect(staff.locator("#report-status")).to_contain_text("Устранено")
    finally:
        staff_context.close()

    page.goto(tracking_url)
    assert page.locator("#report-status").inner_text() == "Устранено"
    assert "Исправлено в сборке 2.4.1" in page.content()

    report.refresh_from_db()
    assert report.status == "resolved" and report.assignee == admin
    subjects = [m.subject for m in mail.outbox if m.to == ["maria@example.com"]]
    assert len(subjects) == 3
    assert "принято" in subjects[0] and "информация" in subjects[1] and "устранена" in subjects[2]
    texts = [sms["text"] for sms in sms_sent() if sms["to"] == "+79165554433"]
    assert len(texts) == 3 and reference in texts[0]


ATTACHMENTS_REFUSED = {
    "ru": "Вложения сейчас не удаётся сохранить",
    "en": "Attachments cannot be saved right now",
}


@pytest.mark.parametrize("width", [1366, 390])
def test_attachments_refused_while_the_storage_is_down(
    live_server, support_pages, chromium, s3_unreachable, tmp_path, width
):
    shot = tmp_path / "screen.png"
    shot.write_bytes(png_bytes())
    ARTIFACTS.mkdir(exist_ok=True)
    for language, message in ATTACHMENTS_REFUSED.items():
        context = chromium.new_context(viewport={"width": width, "height": 900}, locale=f"{language}-RU")
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            page.goto(f"{live_server.url}/{language}/support/")
            page.fill("#id_full_name", "Иванова Мария Петровна")
            page.fill("#id_uin", "UIN-2026-77")
            page.fill("#id_phone", "+7 916 555-44-33")
            page.fill("#id_description", "Тренажёр зависает на втором уровне после обновления")
            page.set_input_files("#id_attachments", str(shot))
            page.check("#id_consent")
            page.click("main form[method=post] button[type=submit]")
            error = page.get_by_text(message)
            expect(error).to_be_visible()
            error.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / f"support-attachments-refused-{language}-{width}.png"))
            assert page.input_value("#id_full_name") == "Иванова Мария Петровна"
        finally:
            context.close()
    assert FaultReport.objects.count() == 0
