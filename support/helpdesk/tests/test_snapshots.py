from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from support.helpdesk import snapshots


def test_a_process_keeps_its_copy_for_a_few_seconds_then_reads_the_shared_cache(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(snapshots.time, "monotonic", lambda: clock[0])
    computed = []

    def compute(since, until):
        computed.append(since)
        return [len(computed)]

    now = timezone.now()
    assert snapshots.snapshot("test", now, compute) == [1]
    cache.delete(snapshots._key("test"))  # as if another process had dropped the shared copy
    assert snapshots.snapshot("test", now + timedelta(seconds=1), compute) == [1]

    clock[0] += snapshots.LOCAL_SECONDS + 1
    assert snapshots.snapshot("test", now + timedelta(seconds=2), compute) == [2]
    # a moment the snapshot does not cover is computed again, whatever is held
    assert snapshots.snapshot("test", now + timedelta(seconds=snapshots.SNAPSHOT_SECONDS + 3), compute) == [3]

    snapshots.forget("test")  # the editing process drops both copies at once
    assert snapshots.snapshot("test", now + timedelta(seconds=snapshots.SNAPSHOT_SECONDS + 4), compute) == [4]
