"""Incidents on the status page, their public page, the API, the feeds and the site banner."""

import datetime as dt

import icalendar
import pytest
import time_machine

from core.cache import forget_local
from support.monitoring.models import Component
from support.status import incidents
from support.status.tests.conftest import msk

pytestmark = pytest.mark.django_db

NOW = msk(2026, 11, 20, 15, 0)


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    """Each test its own cache entries: the database is rolled back between tests, the cache is not."""
    from django.core.cache import cache

    cache.clear()
    forget_local()
    yield
    cache.clear()
    forget_local()


@pytest.fixture
def timeline(status, trainer, django_capture_on_commit_callbacks):
    """An open partial incident on storage and a trainer (two updates), and a resolved major one."""
    storage = Component.objects.create(code="storage")
    with time_machine.travel(NOW - dt.timedelta(days=3), tick=False):
        old = incidents.open_incident(
            title_ru="Сайт не отвечал",
            title_en="Website was down",
            impact="major",
            message_ru="Выясняем.",
            message_en="Investigating.",
        )
    with time_machine.travel(NOW - dt.timedelta(days=3) + dt.timedelta(hours=1), tick=False):
        incidents.post_update(old, "resolved", "Сайт снова работает.", "The website is back.")
    with time_machine.travel(NOW - dt.timedelta(minutes=30), tick=False):
        current = incidents.open_incident(
            title_ru="Не скачиваются сборки",
            title_en="Build downloads fail",
            impact="partial",
            message_ru="Выясняем причину.",
            message_en="We are looking into it.",
            components=[storage],
            trainers=[trainer[0]],
        )
    with time_machine.travel(NOW - dt.timedelta(minutes=10), tick=False):
        incidents.post_update(current, "identified", "Отказал диск хранилища.", "A storage disk failed.")
    return current, old


@time_machine.travel(NOW)
def test_the_status_page_shows_open_incidents_first_with_their_timeline_then_history(client, timeline):
    html = client.get("/en/status/").content.decode()
    assert html.index("Open incidents") < html.index("Current state") < html.index("Past incidents")
    opened = html[html.index("Open incidents") : html.index("Current state")]
    assert "Build downloads fail" in opened and "Partial outage" in opened
    assert opened.index("A storage disk failed.") < opened.index("We are looking into it.")  # newest first
    assert "Overhead crane" in opened and "File storage" in opened
    state = html[html.index("Current state") : html.index("Past incidents")]
    assert "Overhead crane" in state and "Outage" in state  # the trainer the incident names
    assert "An open incident affects every trainer." in state  # storage: every trainer's downloads
    assert "All trainers are operational." not in state
    history = html[html.index("Past incidents") :]
    assert "Website was down" in history and "Build downloads fail" not in history
    ru = client.get("/ru/status/").content.decode()
    assert "Не скачиваются сборки" in ru and "Отказал диск хранилища." in ru and "Кран мостовой" in ru


@time_machine.travel(NOW)
def test_an_update_shows_at_once_through_the_cache(client, timeline, django_capture_on_commit_callbacks):
    current, _old = timeline
    assert "Disk replaced" not in client.get("/en/status/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        incidents.post_update(current, "monitoring", "Диск заменён.", "Disk replaced.")
    html = client.get("/en/status/").content.decode()
    assert "Disk replaced." in html and "Monitoring" in html


@time_machine.travel(NOW)
def test_the_incident_page_in_both_languages(client, timeline):
    current, old = timeline
    en = client.get(f"/en/incidents/{current.pk}/")
    assert en.status_code == 200
    html = en.content.decode()
    assert (
        "Build downloads fail" in html and "A storage disk failed." in html and 'href="/en/status/"' in html
    )
    ru = client.get(f"/ru/incidents/{old.pk}/").content.decode()
    assert "Сайт не отвечал" in ru and "Сайт снова работает." in ru and "Устранено" in ru
    assert client.get("/en/incidents/999999/").status_code == 404
    assert client.get(f"/en/incidents/{2**63}/").status_code == 404


@time_machine.travel(NOW)
def test_the_api_lists_open_incidents_first_and_pages_them(client, timeline):
    current, old = timeline
    data = client.get("/api/v1/status/incidents", {"locale": "en"}).json()
    assert [i["id"] for i in data["results"]] == [current.pk, old.pk]
    first = data["results"][0]
    assert (first["title"], first["status"], first["impact"]) == (
        "Build downloads fail",
        "identified",
        "partial",
    )
    assert [u["status"] for u in first["updates"]] == ["identified", "investigating"]
    assert first["components"] == [{"code": "storage", "label": "File storage"}]
    assert first["trainers"][0]["title"] == "Overhead crane" and first["every_trainer"] is True
    assert first["url"] == f"/en/incidents/{current.pk}/"
    ru = client.get("/api/v1/status/incidents", {"state": "resolved"}).json()
    assert [i["title"] for i in ru["results"]] == ["Сайт не отвечал"]
    assert client.get("/api/v1/status/incidents", {"state": "open"}).json()["count"] == 1
    paged = client.get("/api/v1/status/incidents", {"page_size": 1, "page": 2}).json()
    assert (paged["count"], paged["num_pages"], paged["results"][0]["id"]) == (2, 2, old.pk)


@time_machine.travel(NOW)
def test_bad_api_input_is_a_clear_4xx(client, timeline):
    current, _old = timeline
    assert "state" in client.get("/api/v1/status/incidents", {"state": "x"}).json()["error"]["fields"]
    assert "page" in client.get("/api/v1/status/incidents", {"page": "0"}).json()["error"]["fields"]
    assert client.get("/api/v1/status/incidents", {"page": 9}).status_code == 404
    assert "locale" in client.get("/api/v1/status/incidents", {"locale": "de"}).json()["error"]["fields"]
    missing = client.get("/api/v1/status/incidents/999999")
    assert missing.status_code == 404 and "error" in missing.json()
    detail = client.get(f"/api/v1/status/incidents/{current.pk}", {"locale": "en"}).json()
    assert detail["title"] == "Build downloads fail"
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/status/incidents/{id}" in schema and "opened_by_monitor" in schema


@time_machine.travel(NOW)
def test_incidents_are_in_the_feeds_and_the_calendar(client, timeline):
    current, old = timeline
    rss = client.get("/feeds/maintenance.rss?locale=en").content.decode()
    assert "Partial outage: Build downloads fail (Identified)" in rss
    assert f"incident-{current.pk}@vt-platform" in rss and "A storage disk failed." in rss
    atom = client.get("/feeds/maintenance.atom?locale=ru").content.decode()
    assert "Крупный сбой: Сайт не отвечал (Устранено)" in atom
    cal = icalendar.Calendar.from_ical(client.get("/api/v1/maintenance/calendar.ics?locale=en").content)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    resolved = events[f"incident-{old.pk}@vt-platform"]
    assert resolved["dtend"].dt == old.updates.first().posted_at
    assert "dtend" not in events[f"incident-{current.pk}@vt-platform"]


@time_machine.travel(NOW)
def test_the_banner_announces_open_major_incidents_only(client, timeline, django_capture_on_commit_callbacks):
    assert "Major outage:" not in client.get("/en/").content.decode()  # partial open, major resolved
    with django_capture_on_commit_callbacks(execute=True):
        major = incidents.open_incident(
            title_ru="Сайт недоступен",
            title_en="Website down",
            impact="major",
            message_ru="Выясняем.",
            message_en="Investigating.",
        )
    html = client.get("/en/").content.decode()
    assert "Major outage:" in html and f'href="/en/incidents/{major.pk}/"' in html
    assert "Build downloads fail" not in html
    assert "Сайт недоступен" in client.get("/ru/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        incidents.post_update(major, "resolved", "Готово.", "Fixed.")
    assert "Major outage:" not in client.get("/en/").content.decode()
