"""What the status page, the status API and ``/metrics`` read: live states and daily uptime."""

import datetime as dt

from django.utils import timezone

from support.monitoring.models import Component, Rollup, Sample
from support.monitoring.probes import PUBLIC
from support.monitoring.uptime import day_of

# A component whose last sample is older than this has no live state ("no data"): the monitor stopped.
STALE_AFTER = dt.timedelta(minutes=5)


def latest_samples(codes=None, now=None):
    """``{code: Sample}`` of the newest sample of each component, if recent enough to be live."""
    now = now or timezone.now()
    recent = Sample.objects.filter(probed_at__gte=now - STALE_AFTER).select_related("component")
    if codes is not None:
        recent = recent.filter(component__code__in=codes)
    latest = {}
    # A few rounds at most (STALE_AFTER of one-minute rounds): one query, the newest kept per component.
    for sample in recent.order_by("-probed_at", "-pk"):
        latest.setdefault(sample.component.code, sample)
    return latest


def daily_uptime(days=90, codes=PUBLIC, now=None):
    """``{code: [{"date", "uptime", "samples", "down", "maintenance"}, ...]}`` of the last ``days`` days,
    oldest first, one entry per day (``uptime`` None for a day without counted samples)."""
    today = day_of(now or timezone.now())
    dates = [(today - dt.timedelta(days=n)).date() for n in range(days - 1, -1, -1)]
    rows = Rollup.objects.filter(
        period=Rollup.Period.DAY, component__code__in=codes, starts_at__gte=today - dt.timedelta(days=days)
    ).select_related("component")
    found = {(r.component.code, timezone.localtime(r.starts_at).date()): r for r in rows}
    present = set(Component.objects.filter(code__in=codes).values_list("code", flat=True))
    result = {}
    for code in codes:
        if code not in present:
            continue
        result[code] = [_day(date, found.get((code, date))) for date in dates]
    return result


def _day(date, rollup):
    if rollup is None:
        return {"date": date, "uptime": None, "samples": 0, "down": 0, "maintenance": 0}
    return {
        "date": date,
        "uptime": rollup.uptime,
        "samples": rollup.samples,
        "down": rollup.down,
        "maintenance": rollup.maintenance,
    }


def period_uptime(days):
    """``{code: percentage or None}`` over the daily aggregates of ``days``."""
    result = {}
    for code, entries in days.items():
        up = sum(d["samples"] - d["down"] - d["maintenance"] for d in entries)
        counted = sum(d["samples"] - d["maintenance"] for d in entries)
        result[code] = round(100 * up / counted, 3) if counted else None
    return result
