"""Snapshots cover one bucket of the clock and go with the content generation."""

from datetime import UTC, datetime, timedelta

from core import cache
from support.helpdesk import snapshots


def test_a_snapshot_covers_its_bucket_of_the_clock_until_the_next_generation(db):
    computed = []

    def compute(since, until):
        computed.append((since, until))
        return [len(computed)]

    at = datetime(2026, 12, 2, 10, 0, 1, tzinfo=UTC)
    assert snapshots.snapshot("test", at, compute) == [1]
    assert snapshots.snapshot("test", at + timedelta(seconds=200), compute) == [1]
    since, until = computed[0]
    assert since <= at < until
    assert until - since == timedelta(seconds=snapshots.SNAPSHOT_SECONDS)
    # The next bucket is computed for itself, whatever is held.
    assert snapshots.snapshot("test", until, compute) == [2]
    assert computed[1][0] == until
    # An edit anywhere that starts a new generation drops it, in this process too.
    cache.invalidate()
    assert snapshots.snapshot("test", at, compute) == [3]
