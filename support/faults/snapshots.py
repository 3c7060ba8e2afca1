"""Short-lived snapshots of slowly changing rows that every new report reads: the duty roster and the
maintenance windows near now. Accepting a report must stay cheap under a burst of submissions, and
these two lookups were about a fifth of its CPU time while their rows change a few times a week.

A snapshot taken at ``since`` holds every row that can matter for any moment of ``[since, until)``;
a moment outside it is answered from the database. Editing the rows drops the snapshot
(:func:`connect_signals`), and a snapshot never lives longer than ``SNAPSHOT_SECONDS`` either way.
"""

from datetime import timedelta
from functools import partial

from django.core.cache import cache
from django.db import connection
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

SNAPSHOT_SECONDS = 300


def _key(name):
    # Namespaced by database: environments sharing one Redis must not read each other's rows.
    return f"support:snapshot:{name}:{connection.settings_dict['NAME']}"


def snapshot(name, at, compute):
    """``compute(since, until)`` for a window containing ``at``, from the cache when one is there."""
    entry = cache.get(_key(name))
    if entry is not None and entry[0] <= at < entry[1]:
        return entry[2]
    since, until = at, at + timedelta(seconds=SNAPSHOT_SECONDS)
    rows = compute(since, until)
    cache.set(_key(name), (since, until, rows), SNAPSHOT_SECONDS)
    return rows


def forget(name, **kwargs):
    cache.delete(_key(name))


def connect_signals():
    from support.faults.models import DutyShift
    from support.maintenance.models import MaintenanceNoticePage

    roster, spans = partial(forget, "duty-roster"), partial(forget, "maintenance-spans")
    post_save.connect(roster, sender=DutyShift, weak=False, dispatch_uid="snapshot-roster-saved")
    post_delete.connect(roster, sender=DutyShift, weak=False, dispatch_uid="snapshot-roster-deleted")
    page_published.connect(spans, sender=MaintenanceNoticePage, weak=False, dispatch_uid="snapshot-spans-pub")
    page_unpublished.connect(
        spans, sender=MaintenanceNoticePage, weak=False, dispatch_uid="snapshot-spans-unpub"
    )
    post_delete.connect(
        spans, sender=MaintenanceNoticePage, weak=False, dispatch_uid="snapshot-spans-deleted"
    )
