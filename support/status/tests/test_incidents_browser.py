"""The status page with uptime bars and an open incident's timeline in a real browser: ru and en at 1366
and 390 px, no serious axe violation; also the incident's own page. Screenshots land in ``artifacts/``."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from catalogue.models import SimulatorPage
from support.monitoring.models import Component, Rollup, Sample
from support.monitoring.probes import PUBLIC
from support.monitoring.uptime import day_of
from support.status import incidents

ROOT = Path(__file__).resolve().parents[3]
ARTIFACTS = ROOT / "artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def outage(status, trainer):
    """A month of uptime per public component, storage failing now, an open major incident on storage
    and the crane with three updates, and a resolved one in the history."""
    today, now = day_of(timezone.now()), timezone.now()
    components = {}
    for code in PUBLIC:
        components[code] = component = Component.objects.create(code=code)
        Sample.objects.create(
            component=component, probed_at=now, status="down" if code == "storage" else "ok", ms=9
        )
        for days_ago in range(30):
            down = 300 if code == "storage" and days_ago == 0 else 0
            Rollup.objects.create(
                component=component,
                period=Rollup.Period.DAY,
                starts_at=today - dt.timedelta(days=days_ago),
                ok=1440 - down,
                down=down,
            )
    crane = SimulatorPage.objects.get(pk=trainer[0].pk)
    old = incidents.open_incident(
        title_ru="Медленный поиск",
        title_en="Slow search",
        impact="degraded",
        message_ru="Поиск отвечает медленно.",
        message_en="Search answers slowly.",
        components=[components["search"]],
        started_at=now - dt.timedelta(days=5),
    )
    incidents.post_update(old, "resolved", "Индекс перестроен.", "The index was rebuilt.")
    current = incidents.open_incident(
        title_ru="Не скачиваются сборки и не запускается кран",
        title_en="Build downloads fail and the crane does not start",
        impact="major",
        message_ru="Выясняем причину отказа файлового хранилища.",
        message_en="We are investigating the file storage failure.",
        components=[components["storage"]],
        trainers=[crane],
        opened_by_monitor=True,
    )
    incidents.post_update(
        current,
        "identified",
        "Отказал диск хранилища, идёт замена.",
        "A storage disk failed; it is being replaced.",
    )
    incidents.post_update(
        current, "monitoring", "Диск заменён, следим за работой.", "The disk is replaced; we are watching."
    )
    return current


def _axe(page):
    page.evaluate(AXE.read_text())
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [v["id"] for v in result["violations"] if v["impact"] in {"serious", "critical"}]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_status_page_with_uptime_bars_and_an_open_incident_timeline(outage, chromium, live_server, language):
    ARTIFACTS.mkdir(exist_ok=True)
    for width, height in ((1366, 900), (390, 844)):
        context = chromium.new_context(viewport={"width": width, "height": height}, locale=language)
        page = context.new_page()
        page.goto(f"{live_server.url}/{language}/status/")
        card = page.locator(".incident-card")
        assert card.count() == 1
        assert card.locator(".incident-timeline__item").count() == 3
        first = card.locator(".incident-timeline__item").first.inner_text()
        assert ("Диск заменён" if language == "ru" else "The disk is replaced") in first
        # Open incidents come before the components' uptime bars.
        top = page.locator("#status-incidents").bounding_box()["y"]
        assert top < page.locator(".uptime-list").bounding_box()["y"]
        assert page.locator(".uptime-row").count() == len(PUBLIC)
        assert page.locator(".incident-banner").count() == 1  # a major incident: announced site-wide
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(ARTIFACTS / f"status-incident-{language}-{width}.png"), full_page=True)
        assert not _axe(page), _axe(page)

        page.goto(f"{live_server.url}/{language}/incidents/{outage.pk}/")
        assert page.locator(".incident-timeline__item").count() == 3
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(ARTIFACTS / f"incident-{language}-{width}.png"), full_page=True)
        assert not _axe(page), _axe(page)
        context.close()


def test_an_engineer_opens_and_resolves_an_incident_in_one_form_per_step(status, chromium, live_server):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail import hooks

    from support.status.models import Incident
    from website.bootstrap import ensure_roles

    ensure_roles()  # a transactional test's flush has taken the migrations' groups away
    Component.objects.create(code="storage")
    engineer = get_user_model().objects.create_user("oncall-browser", "oncall@example.com", "pw-oncall-1")
    engineer.groups.add(Group.objects.get(name="Support"))
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="ru")
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "oncall-browser")
    page.fill("#id_password", "pw-oncall-1")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")

    page.goto(f"{live_server.url}/admin/incidents/new/")
    page.fill("#id_title_ru", "Не скачиваются сборки")
    page.fill("#id_title_en", "Build downloads fail")
    page.select_option("#id_impact", "partial")
    page.get_by_label("Файловое хранилище").check()
    page.fill("#id_message_ru", "Выясняем причину.")
    page.screenshot(path=str(ARTIFACTS / "admin-incident-new-1366.png"), full_page=True)
    page.locator("form button[type=submit]").last.click()
    page.get_by_text("Напишите сообщение на обоих языках.").first.wait_for()  # English missing: refused
    assert not Incident.objects.exists()
    page.fill("#id_message_en", "We are investigating.")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/admin/incidents/")
    incident = Incident.objects.get()
    assert list(incident.components.values_list("code", flat=True)) == ["storage"]

    with hooks.register_temporarily("vt_incident_report_count", lambda incident_id: 2):
        page.goto(f"{live_server.url}/admin/incidents/edit/{incident.pk}/")
        page.select_option("#id_update_status", "resolved")
        page.fill("#id_message_ru", "Хранилище снова доступно.")
        page.fill("#id_message_en", "Storage is back.")
        page.get_by_label("Закрыть 2 связанных обращения").check()
        page.screenshot(path=str(ARTIFACTS / "admin-incident-resolve-1366.png"), full_page=True)
        page.locator("form button[type=submit]").last.click()
        page.wait_for_url("**/admin/incidents/")
    incident.refresh_from_db()
    assert incident.status == "resolved" and incident.updates.count() == 2
    context.close()
