"""The on-call pages in Chromium, ru and en, on a 1366 px desktop and a 390 px phone: the acknowledge
page (before and after the button) and the duty roster warning about a gap. Screenshots land in
``artifacts/``."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from support.helpdesk import oncall
from support.helpdesk.models import DutyShift, OnCallAlert

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts"
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
BUTTON = {"ru": "Подтвердить получение", "en": "Acknowledge"}
DONE = {"ru": "Получение подтверждено", "en": "Acknowledged."}
GAP = {"ru": "В графике 1 разрыв", "en": "The roster has 1 gap"}


def _shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"oncall-{name}.png"), full_page=True)


@pytest.fixture
def engineer():
    # As ``browser_page`` does: the live server thread shares this process's content-type cache, which
    # can keep ids of a database the previous transactional test flushed.
    ContentType.objects.clear_cache()
    return get_user_model().objects.create_superuser(
        "duty", "duty@vt-pro.ru", "pw-duty-123", first_name="Пётр", last_name="Дежурный"
    )


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_the_acknowledge_page(live_server, support_pages, chromium, engineer, language, size):
    now = timezone.now()
    DutyShift.objects.create(engineer=engineer, start=now - timedelta(hours=1), end=now + timedelta(hours=8))
    alert = oncall.raise_alert(
        "browser:1",
        kind=OnCallAlert.Kind.REPORT,
        title="VT-2026-000042 · Тренажёр крана КС-45717 · Зависает на загрузке сцены после обновления",
        link=f"{live_server.url}/admin/",
    )
    with translation.override(language):
        path = reverse("helpdesk:oncall_ack", kwargs={"token": oncall.ack_token(alert, engineer)})
    context = chromium.new_context(viewport=SIZES[size], locale=f"{language}-RU")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}{path}")
        button = page.get_by_role("button", name=BUTTON[language])
        expect(button).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
        _shot(page, f"ack-{language}-{size}")
        button.click()
        expect(page.locator("#ack-status")).to_contain_text(DONE[language])
        _shot(page, f"acknowledged-{language}-{size}")
    finally:
        context.close()
    assert OnCallAlert.objects.get().acknowledged_by == engineer


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_the_roster_shows_a_gap(live_server, site_shell, chromium, engineer, language, size):
    now = timezone.now()
    DutyShift.objects.create(engineer=engineer, start=now - timedelta(hours=1), end=now + timedelta(hours=8))
    DutyShift.objects.create(
        engineer=engineer,
        role=DutyShift.Role.SECONDARY,
        start=now - timedelta(hours=1),
        end=now + timedelta(days=15),
        phone="+79165550001",
    )
    DutyShift.objects.create(engineer=engineer, start=now + timedelta(hours=20), end=now + timedelta(days=15))
    context = chromium.new_context(viewport=SIZES[size], locale=f"{language}-RU")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", "duty")
        page.fill("#id_password", "pw-duty-123")
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        expect(page.locator("#roster-gaps")).to_contain_text(GAP[language])
        _shot(page, f"dashboard-{language}-{size}")
        page.goto(f"{live_server.url}/admin/support_dutyshift/")
        expect(page.locator("#roster-gaps")).to_contain_text(GAP[language])
        _shot(page, f"roster-{language}-{size}")
    finally:
        context.close()
