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
