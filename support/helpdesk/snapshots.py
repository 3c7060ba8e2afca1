"""Short-lived snapshots of slowly changing rows that every new report reads: the duty roster and the
maintenance windows near now. Accepting a report must stay cheap under a burst of submissions, and
these two lookups were about a fifth of its CPU time while their rows change a few times a week.

A snapshot taken at ``since`` holds every row that can matter for any moment of ``[since, until)``;
a moment outside it is answered from the database. Editing the rows drops the snapshot
(:func:`connect_signals`; the windows through the ``vt_maintenance_changed`` hook), and a snapshot
never lives longer than ``SNAPSHOT_SECONDS`` either way.

Each process also keeps what it read from the shared cache for ``LOCAL_SECONDS``: under a burst that
spares two cache round trips and the unpickling of the rows per report. An edit therefore reaches the
other processes within ``LOCAL_SECONDS`` (the editing process drops its copy at once).
"""

import time
from datetime import timedelta
from functools import partial

from django.core.cache import cache
from django.db import connection
from django.db.models.signals import post_delete, post_save

SNAPSHOT_SECONDS = 300
LOCAL_SECONDS = 5

# key -> (monotonic expiry, (since, until, rows))
_local: dict[str, tuple[float, tuple]] = {}


def _key(name):
    # Namespaced by database: environments sharing one Redis must not read each other's rows.
    return f"support:snapshot:{name}:{connection.settings_dict['NAME']}"


def snapshot(name, at, compute):
    """``compute(since, until)`` for a window containing ``at``, from a cache when one is there."""
    key = _key(name)
    held = _local.get(key)
    if held is not None and held[0] > time.monotonic() and held[1][0] <= at < held[1][1]:
        return held[1][2]
    entry = cache.get(key)
    if entry is None or not entry[0] <= at < entry[1]:
        since, until = at, at + timedelta(seconds=SNAPSHOT_SECONDS)
        entry = (since, until, compute(since, until))
        cache.set(key, entry, SNAPSHOT_SECONDS)
    _local[key] = (time.monotonic() + LOCAL_SECONDS, entry)
    return entry[2]


def forget(name, **kwargs):
    key = _key(name)
    _local.pop(key, None)
    cache.delete(key)


def forget_local():
    """Drop this process's copies (tests that roll the database back between them)."""
    _local.clear()


def connect_signals(duty_model):
    """Drop the duty roster when a shift is saved or deleted (called from ``HelpdeskConfig.ready``).

    The maintenance spans are dropped through the ``vt_maintenance_changed`` hook (``wagtail_hooks``):
    the notices belong to the status app, which the helpdesk does not import.
    """
    roster = partial(forget, "duty-roster")
    post_save.connect(roster, sender=duty_model, weak=False, dispatch_uid="snapshot-roster-saved")
    post_delete.connect(roster, sender=duty_model, weak=False, dispatch_uid="snapshot-roster-deleted")
