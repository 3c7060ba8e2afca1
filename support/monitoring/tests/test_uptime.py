"""Rollup math (maintenance is not downtime), idempotence, retention."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from wagtail import hooks

from support.monitoring import uptime
from support.monitoring.models import Component, Rollup, Sample

UTC = dt.UTC
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # 12:00 in Moscow


def minutes(n):
    return T0 + dt.timedelta(minutes=n)


def test_a_failure_inside_a_window_of_its_component_counts_as_maintenance():
    windows = [(minutes(10), minutes(20))]
    samples = [
        ("ok", minutes(0), 10.0),
        ("down", minutes(5), 5000.0),  # before the window: downtime
        ("down", minutes(10), 5000.0),  # the window's first minute: maintenance
        ("ok", minutes(15), 10.0),  # up during the window: still up
        ("degraded", minutes(19), 20.0),
        ("down", minutes(20), 5000.0),  # the window has ended: downtime again
    ]
    assert uptime.count(samples, windows) == {
        "ok": 2,
        "degraded": 1,
        "down": 2,
        "maintenance": 1,
        "ms_total": 15040.0,
    }


def test_uptime_leaves_maintenance_out_and_counts_degraded_as_up():
    assert Rollup(ok=97, degraded=1, down=2, maintenance=40).uptime == 98.0
    assert Rollup(ok=0, degraded=0, down=0, maintenance=60).uptime is None
    assert Rollup().uptime is None


@pytest.fixture
def storage_component(db):
    return Component.objects.create(code="storage")


def _probe(component, at, status):
    Sample.objects.create(component=component, probed_at=at, status=status, ms=12.5)


@pytest.mark.django_db
def test_roll_up_counts_hours_and_days_with_declared_maintenance(storage_component):
    other = Component.objects.create(code="search")
    for minute in range(0, 120):  # two hours, storage down in the second half of each
        status = "down" if minute % 60 >= 30 else "ok"
        _probe(storage_component, minutes(minute), status)
        _probe(other, minutes(minute), "down")

    def windows(since, until):
        # Declared works on storage during the second hour only (search is not covered).
        return [(minutes(60), minutes(120), ["storage"])]

    with hooks.register_temporarily(uptime.MAINTENANCE_HOOK, windows):
        uptime.roll_up(since=minutes(0), until=minutes(119))

    first, second = Rollup.objects.filter(component=storage_component, period="hour").order_by("starts_at")
    assert (first.starts_at, first.ok, first.down, first.maintenance) == (minutes(0), 30, 30, 0)
    assert (second.ok, second.down, second.maintenance) == (30, 0, 30)
    assert (first.uptime, second.uptime) == (50.0, 100.0)
    day = Rollup.objects.get(component=storage_component, period="day")
    assert day.starts_at == dt.datetime(2026, 3, 2, tzinfo=UTC) - dt.timedelta(hours=3)  # Moscow midnight
    assert (day.ok, day.down, day.maintenance, day.uptime) == (60, 30, 30, 66.67)
    assert Rollup.objects.get(component=other, period="day").maintenance == 0


@pytest.mark.django_db
def test_roll_up_again_replaces_the_figures(storage_component):
    for minute in range(10):
        _probe(storage_component, minutes(minute), "ok")
    uptime.roll_up(since=minutes(0), until=minutes(10))
    _probe(storage_component, minutes(10), "down")
    uptime.roll_up(since=minutes(0), until=minutes(11))

    hour = Rollup.objects.get(component=storage_component, period="hour")
    day = Rollup.objects.get(component=storage_component, period="day")
    assert (hour.ok, hour.down) == (day.ok, day.down) == (10, 1)


@pytest.mark.django_db
def test_a_day_sums_its_hours_across_midnight_in_moscow(storage_component):
    # 20:30 and 21:30 UTC are 23:30 on the 2nd and 00:30 on the 3rd in Moscow.
    late, early = dt.datetime(2026, 3, 2, 20, 30, tzinfo=UTC), dt.datetime(2026, 3, 2, 21, 30, tzinfo=UTC)
    _probe(storage_component, late, "ok")
    _probe(storage_component, early, "down")
    uptime.roll_up(since=late, until=early)

    days = Rollup.objects.filter(period="day").order_by("starts_at")
    assert [(d.ok, d.down) for d in days] == [(1, 0), (0, 1)]


@pytest.mark.django_db
def test_prune_keeps_samples_and_aggregates_for_their_retention(storage_component, settings):
    settings.MONITOR_RAW_DAYS = 3
    settings.MONITOR_AGGREGATE_DAYS = 90
    now = T0
    _probe(storage_component, now - dt.timedelta(days=3, minutes=1), "ok")
    _probe(storage_component, now - dt.timedelta(days=2), "ok")
    for days_ago in (91, 89):
        Rollup.objects.create(
            component=storage_component, period="day", starts_at=now - dt.timedelta(days=days_ago), ok=1
        )

    assert uptime.prune(now) == (1, 1)
    assert Sample.objects.count() == 1
    assert list(Rollup.objects.values_list("starts_at", flat=True)) == [now - dt.timedelta(days=89)]


@pytest.mark.django_db(transaction=True)
def test_monitor_records_a_round_and_this_hours_aggregates(settings):
    settings.EMAIL_HOST = ""
    settings.MONITOR_SITE_URL = ""
    call_command("monitor", stdout=open("/dev/null", "w"))  # noqa: SIM115

    codes = set(Sample.objects.values_list("component__code", flat=True))
    assert codes == {"database", "cache", "storage", "search", "tasks", "outbox"}
    assert set(Sample.objects.values_list("status", flat=True)) == {"ok"}
    assert Rollup.objects.filter(period="hour").count() == Rollup.objects.filter(period="day").count() == 6


@pytest.mark.django_db
def test_monitor_rollup_recomputes_recent_hours_and_prunes(storage_component, settings):
    settings.MONITOR_RAW_DAYS = 3
    with time_machine.travel(minutes(30), tick=False):
        _probe(storage_component, minutes(-10), "down")
        _probe(storage_component, minutes(-4 * 24 * 60), "ok")  # past retention
        out = io.StringIO()
        call_command("monitor_rollup", "--hours", "3", stdout=out)

    assert Sample.objects.count() == 1
    assert Rollup.objects.get(component=storage_component, period="hour").down == 1
    assert "pruned 1 samples" in out.getvalue()
