"""Rolling raw samples up into hourly and daily aggregates, maintenance excluded, and pruning old rows.

Declared maintenance comes from the ``vt_component_maintenance`` hook:
``fn(since, until) -> iterable of (starts_at, ends_at, codes)``, the windows overlapping
``[since, until)`` with the monitored component codes each covers. The status app answers it from its
live, non-cancelled maintenance notices. A failing sample inside such a window of its component counts
as ``maintenance``; a passing one stays ``ok``/``degraded``.
"""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from wagtail import hooks

from support.monitoring.models import Component, ProbeStatus, Rollup, Sample

MAINTENANCE_HOOK = "vt_component_maintenance"
HOUR = dt.timedelta(hours=1)
COUNTS = ("ok", "degraded", "down", "maintenance")


def maintenance_windows(since, until):
    """``{code: [(starts_at, ends_at), ...]}`` of the declared windows overlapping ``[since, until)``."""
    windows = defaultdict(list)
    for hook in hooks.get_hooks(MAINTENANCE_HOOK):
        for starts_at, ends_at, codes in hook(since, until):
            for code in codes:
                windows[code].append((starts_at, ends_at))
    return windows


def outcome(status, at, windows):
    """How one sample counts: its status, or ``maintenance`` for a failure inside a window."""
    if status == ProbeStatus.DOWN and any(start <= at < end for start, end in windows):
        return "maintenance"
    return status


def count(samples, windows):
    """``{"ok", "degraded", "down", "maintenance", "ms_total"}`` of ``(status, probed_at, ms)`` samples."""
    totals = dict.fromkeys(COUNTS, 0) | {"ms_total": 0.0}
    for status, at, ms in samples:
        totals[outcome(status, at, windows)] += 1
        totals["ms_total"] += ms
    return totals


def hour_of(at):
    return at.astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)


def day_of(at):
    """The start of the Moscow (``TIME_ZONE``) day holding ``at``: the status page's days."""
    local = timezone.localtime(at)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def roll_up(since, until=None):
    """Recomputes the hourly aggregates of every hour touching ``[since, until)`` from the raw samples,
    then the daily aggregates of the days they fall in from the hourly ones. Idempotent: run it again
    (say after a window was declared late) and the figures are replaced, not added to."""
    until = until or timezone.now()
    first, last = hour_of(since), hour_of(until) + HOUR
    windows = maintenance_windows(first, last)
    grouped = defaultdict(list)
    rows = Sample.objects.filter(probed_at__gte=first, probed_at__lt=last).values_list(
        "component_id", "component__code", "status", "probed_at", "ms"
    )
    for component_id, code, status, at, ms in rows.iterator():
        grouped[(component_id, code, hour_of(at))].append((status, at, ms))
    hourly = [
        Rollup(
            component_id=component_id,
            period=Rollup.Period.HOUR,
            starts_at=hour,
            **count(samples, windows[code]),
        )
        for (component_id, code, hour), samples in grouped.items()
    ]
    days = {day_of(first + n * HOUR) for n in range(int((last - first) / HOUR))}
    with transaction.atomic():
        _upsert(hourly)
        _upsert(_days_from_hours(days))
    return len(hourly)


def _days_from_hours(days):
    daily = []
    for day in sorted(days):
        sums = (
            Rollup.objects.filter(period=Rollup.Period.HOUR, starts_at__gte=day, starts_at__lt=_next_day(day))
            .values("component_id")
            .annotate(**{f"{name}_sum": Sum(name) for name in (*COUNTS, "ms_total")})
        )
        for row in sums:
            totals = {name: row[f"{name}_sum"] for name in (*COUNTS, "ms_total")}
            daily.append(
                Rollup(component_id=row["component_id"], period=Rollup.Period.DAY, starts_at=day, **totals)
            )
    return daily


def _next_day(day):
    # Through the calendar, not 24 hours: a day of a zone with summer time is 23 or 25 hours long.
    return timezone.make_aware(dt.datetime.combine(day.date() + dt.timedelta(days=1), dt.time()), day.tzinfo)


def _upsert(rollups):
    Rollup.objects.bulk_create(
        rollups,
        update_conflicts=True,
        unique_fields=["component", "period", "starts_at"],
        update_fields=[*COUNTS, "ms_total"],
    )


def prune(now=None):
    """Deletes raw samples older than ``MONITOR_RAW_DAYS`` and aggregates older than
    ``MONITOR_AGGREGATE_DAYS``; returns ``(samples, aggregates)`` deleted."""
    now = now or timezone.now()
    samples, _ = Sample.objects.filter(
        probed_at__lt=now - dt.timedelta(days=settings.MONITOR_RAW_DAYS)
    ).delete()
    aggregates, _ = Rollup.objects.filter(
        starts_at__lt=now - dt.timedelta(days=settings.MONITOR_AGGREGATE_DAYS)
    ).delete()
    return samples, aggregates


def components_by_code(codes):
    """The ``Component`` rows of ``codes``, created on first sight."""
    found = Component.objects.in_bulk(codes, field_name="code")
    missing = [Component(code=code) for code in codes if code not in found]
    if missing:
        Component.objects.bulk_create(missing, ignore_conflicts=True)
        found = Component.objects.in_bulk(codes, field_name="code")
    return found
