"""The monitor's incidents: opened after N failed rounds, never in maintenance, never twice, and moved to
"monitoring" when the probes pass again."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from wagtail import hooks

from support.monitoring import probes
from support.monitoring.models import Component, Sample
from support.status import incidents, watch
from support.status.models import Incident
from support.status.tests.conftest import msk

pytestmark = pytest.mark.django_db

START = msk(2026, 11, 20, 15, 0)


@pytest.fixture(autouse=True)
def after_commit_at_once(monkeypatch):
    """Tests run inside one transaction: tell the hooks as soon as the incident is written."""
    import types

    from django.db import transaction

    namespace = types.SimpleNamespace(atomic=transaction.atomic, on_commit=lambda fn: fn())
    monkeypatch.setattr(incidents, "transaction", namespace)


@pytest.fixture
def rounds(settings):
    """``play(*statuses)``: one monitor round per ``{code: status}``, a minute apart, each followed by
    the status app's answer; returns the moment of the last round."""
    settings.INCIDENT_OPEN_AFTER_FAILURES = 3
    components = {code: Component.objects.create(code=code) for code in ("site", "storage", "tasks")}
    clock = {"at": START}

    def play(*round_statuses):
        for statuses in round_statuses:
            clock["at"] += dt.timedelta(minutes=1)
            for code, status in statuses.items():
                Sample.objects.create(component=components[code], probed_at=clock["at"], status=status, ms=5)
            with time_machine.travel(clock["at"], tick=False):
                watch.after_round(clock["at"], statuses)
        return clock["at"]

    return play


DOWN = {"site": "down", "storage": "ok", "tasks": "ok"}
UP = {"site": "ok", "storage": "ok", "tasks": "ok"}


def test_n_consecutive_failures_open_one_major_incident(rounds, events):
    rounds(DOWN, DOWN)
    assert not Incident.objects.exists()
    rounds(UP, DOWN, DOWN)
    assert not Incident.objects.exists()  # a pass in between starts the count again

    last = rounds(DOWN)
    incident = Incident.objects.get()
    assert incident.opened_by_monitor and incident.impact == "major" and incident.status == "investigating"
    assert incident.started_at == last - dt.timedelta(minutes=2)  # the first of the three failures
    assert list(incident.components.values_list("code", flat=True)) == ["site"]
    assert incident.title_ru == "Сбой: Сайт" and incident.title_en == "Outage: Website"
    first = incident.updates.get()
    assert "3 failed checks in a row" in first.message_en and "3 проверки подряд" in first.message_ru
    assert [(e, p["opened_by_monitor"]) for e, p in events] == [("opened", True)]

    rounds(DOWN, DOWN, DOWN)
    assert Incident.objects.count() == 1  # never twice while one is open


def test_a_component_an_open_incident_names_gets_no_second_one(rounds):
    rounds(UP)
    site = Component.objects.get(code="site")
    incidents.open_incident(
        title_ru="Сайт", title_en="Site", impact="major", message_ru="м", message_en="m", components=[site]
    )
    rounds(DOWN, DOWN, DOWN)
    assert Incident.objects.count() == 1 and not Incident.objects.get().opened_by_monitor


def test_internal_components_never_open_an_incident(rounds):
    rounds(*[{"site": "ok", "storage": "ok", "tasks": "down"}] * 4)
    assert not Incident.objects.exists()


def test_failures_inside_a_declared_window_are_maintenance_not_an_incident(rounds):
    def windows(since, until):
        return [(START, START + dt.timedelta(minutes=3, seconds=30), ["site"])]

    with hooks.register_temporarily("vt_component_maintenance", windows):
        rounds(DOWN, DOWN, DOWN)
        assert not Incident.objects.exists()
        rounds(DOWN, DOWN)  # two failures after the window: not yet three outside it
        assert not Incident.objects.exists()
        rounds(DOWN)
    assert Incident.objects.count() == 1


def test_recovery_moves_to_monitoring_once_and_staff_resolve(rounds, events):
    rounds(DOWN, DOWN, DOWN)
    incident = Incident.objects.get()

    rounds(UP, UP)
    incident.refresh_from_db()
    assert incident.status == "monitoring" and incident.resolved_at is None
    assert [u.status for u in incident.updates.all()] == ["monitoring", "investigating"]
    assert "the checks pass again" in incident.updates.first().message_en
    assert [e for e, _p in events] == ["opened", "monitoring"]

    rounds(DOWN, DOWN, DOWN)  # failing again as long: back to investigating, still one incident
    incident.refresh_from_db()
    assert incident.status == "investigating" and Incident.objects.count() == 1

    rounds(UP)
    incidents.post_update(Incident.objects.get(), "resolved", "Решено", "Resolved")
    rounds(DOWN, DOWN, DOWN)
    assert Incident.objects.count() == 2  # a resolved incident covers nothing any more


def test_a_healthy_round_costs_one_query(rounds, django_assert_num_queries):
    rounds(UP)
    with django_assert_num_queries(1):
        watch.after_round(START, UP)


def test_the_monitor_command_hands_its_round_to_the_hook(monkeypatch, db):
    calls = []
    monkeypatch.setattr(probes, "registry", lambda: {"site": lambda timeout: ("down", "HTTP 502")})
    with hooks.register_temporarily("vt_monitor_round", lambda at, statuses: calls.append(statuses)):
        call_command("monitor", stdout=io.StringIO())
    assert {"site": "down"} in calls
