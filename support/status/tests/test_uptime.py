"""The status page and API with the monitor's data: live states, 90-day bars, maintenance windows."""

import datetime as dt

import pytest
import time_machine

from support.monitoring import uptime
from support.monitoring.models import Component, Sample
from support.status.tests.conftest import msk
from support.status.wagtail_hooks import component_maintenance

NOW = msk(2026, 11, 20, 15, 0)


@pytest.fixture
def probed(db):
    """The monitor's samples of two days: storage and the site up, storage down for the last 30 minutes."""
    site, storage = Component.objects.create(code="site"), Component.objects.create(code="storage")
    Component.objects.create(code="database")  # internal: never on the status page
    for minute in range(0, 24 * 60, 10):
        at = NOW - dt.timedelta(minutes=minute)
        Sample.objects.create(component=site, probed_at=at, status="ok", ms=30)
        Sample.objects.create(
            component=storage, probed_at=at, status="down" if minute < 30 else "ok", ms=5000
        )
    return site, storage


@time_machine.travel(NOW, tick=False)
def test_the_hook_names_the_monitored_components_of_live_windows(make_notice):
    make_notice("disk", NOW - dt.timedelta(hours=1), NOW + dt.timedelta(hours=1), whole_platform=False)
    ru, _en = make_notice(
        "files", NOW, NOW + dt.timedelta(hours=2), whole_platform=False, components=["downloads"]
    )
    make_notice(
        "gone", NOW, NOW + dt.timedelta(hours=2), whole_platform=False, components=["web"], cancelled=True
    )
    Component.objects.create(code="storage")
    Component.objects.create(code="database")
    make_notice("all", NOW + dt.timedelta(days=1), NOW + dt.timedelta(days=1, hours=1))

    windows = component_maintenance(NOW - dt.timedelta(hours=3), NOW + dt.timedelta(hours=3))

    assert (NOW - dt.timedelta(hours=1), NOW + dt.timedelta(hours=1), []) in windows
    assert (ru.starts_at, ru.ends_at, ["storage"]) in windows
    assert len(windows) == 2  # the cancelled one and the one tomorrow are not maintenance now
    [(_start, _end, every)] = component_maintenance(NOW + dt.timedelta(days=1), NOW + dt.timedelta(days=2))
    assert every == ["database", "storage"]


@time_machine.travel(NOW, tick=False)
def test_the_page_shows_live_states_and_a_bar_per_day(client, status, probed):
    uptime.roll_up(since=NOW - dt.timedelta(days=2), until=NOW)

    html = client.get("/en/status/").content.decode()

    assert html.count('class="uptime-row"') == 2  # site and storage; the database is internal
    assert html.count('class="uptime-bar uptime-bar--') == 2 * 90
    assert "Website" in html and "File storage" in html and "Database" not in html
    assert '<span class="status status--down">Outage</span>' in html
    assert "20 November: 96.70%" in html  # storage: 3 of the day's 91 samples (00:00 to 15:00) down
    assert "no data" in html
    ru = client.get("/ru/status/").content.decode()
    assert "Сбой" in ru and "20 ноября" in ru


@time_machine.travel(NOW, tick=False)
def test_declared_works_turn_the_outage_into_maintenance(client, status, probed, make_notice):
    make_notice(
        "files",
        NOW - dt.timedelta(hours=1),
        NOW + dt.timedelta(hours=1),
        whole_platform=False,
        components=["downloads"],
    )
    uptime.roll_up(since=NOW - dt.timedelta(days=2), until=NOW)

    html = client.get("/en/status/").content.decode()

    assert '<span class="status status--down">' not in html
    assert "20 November: 100%" in html  # the failures fell in the window


@time_machine.travel(NOW, tick=False)
def test_the_api_lists_components_with_state_and_days(client, status, probed):
    uptime.roll_up(since=NOW - dt.timedelta(days=2), until=NOW)

    body = client.get("/api/v1/status/components?locale=ru").json()

    assert [c["code"] for c in body] == ["site", "storage"]
    storage = body[1]
    assert (storage["label"], storage["state"]) == ("Файловое хранилище", "down")
    assert len(storage["days"]) == 90
    assert storage["days"][-1]["date"] == "2026-11-20"
    assert storage["days"][0]["uptime"] is None
    assert client.get("/api/v1/status/components?locale=xx").status_code == 400


def test_without_monitor_data_the_page_shows_the_notice_components(client, status):
    html = client.get("/en/status/").content.decode()
    assert "uptime-row" not in html
    assert "Website and catalogue" in html
