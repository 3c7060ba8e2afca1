"""Snapshots of slowly changing rows that every new report reads: the duty roster and the maintenance
windows near now. Accepting a report must stay cheap under a burst of submissions, and these two
lookups were about a fifth of its CPU time while their rows change a few times a week.

A snapshot covers one ``SNAPSHOT_SECONDS`` bucket of the clock: ``compute(since, until)`` returns
every row that can matter for any moment of ``[since, until)``, and it is cached for the content
generation (``core.cache``). Editing the rows starts a new generation: duty shifts are declared in
``HelpdeskConfig.invalidates_cache``, maintenance notices are pages (publishing starts one).
"""

from datetime import UTC, datetime, timedelta
from functools import partial

from core.cache import cached

SNAPSHOT_SECONDS = 300


def snapshot(name, at, compute):
    """``compute(since, until)`` for the bucket of the clock that contains ``at``, cached."""
    bucket = int(at.timestamp()) // SNAPSHOT_SECONDS
    since = datetime.fromtimestamp(bucket * SNAPSHOT_SECONDS, tz=UTC)
    until = since + timedelta(seconds=SNAPSHOT_SECONDS)
    return cached(f"helpdesk:{name}:{bucket}", partial(compute, since, until), timeout=SNAPSHOT_SECONDS)
