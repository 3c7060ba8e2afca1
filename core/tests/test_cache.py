"""The one cache mechanism: generation, per-process copies, timeouts, declared models."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from core import cache


def test_cached_entries_are_copies_and_follow_the_generation(db):
    computed = []

    def compute():
        computed.append(1)
        return {"items": [1, 2]}

    first = cache.cached("copies-test", compute)
    first["items"].append(3)
    assert cache.cached("copies-test", compute) == {"items": [1, 2]}
    assert len(computed) == 1
    cache.invalidate()
    assert cache.cached("copies-test", compute) == {"items": [1, 2]}
    assert len(computed) == 2


def test_invalidation_moves_on_again_when_the_change_commits(db, django_capture_on_commit_callbacks):
    before = cache.generation()
    with django_capture_on_commit_callbacks() as callbacks:
        cache.invalidate()
        during = cache.generation()
    assert during != before
    assert len(callbacks) == 1
    # What another process cached between the change and its commit is dropped with the commit.
    callbacks[0]()
    assert cache.generation() not in (before, during)


def test_a_timeout_bounds_the_local_copy_too(db, monkeypatch):
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert cache.cached("short-lived", compute, timeout=lambda value: 5) == 1
    assert cache.cached("short-lived", compute, timeout=5) == 1
    now = cache.time.time()
    monkeypatch.setattr(cache.time, "time", lambda: now + 6)
    cache.shared.delete(cache.key("short-lived"))  # the shared entry expired as well
    assert cache.cached("short-lived", compute, timeout=5) == 2


def test_none_is_not_kept(db):
    computed = []
    assert cache.cached("nothing", lambda: computed.append(1)) is None
    assert cache.cached("nothing", lambda: computed.append(1)) is None
    assert len(computed) == 2


def test_store_peek_and_forget(db):
    assert cache.peek("flag") is None
    cache.store("flag", "down", 30)
    assert cache.peek("flag") == "down"
    cache.forget_local()
    assert cache.peek("flag") == "down"  # from the shared cache
    cache.forget("flag")
    assert cache.peek("flag") is None
    cache.store("big", b"x" * 10, 30, local=False)
    assert cache.peek("big", local=False) == b"x" * 10
    cache.invalidate()
    assert cache.peek("big", local=False) is None


def test_keys_are_namespaced_by_database(db):
    from django.db import connection

    assert connection.settings_dict["NAME"] in cache.key("x")


def test_declared_models_start_a_generation(db):
    from django.apps import apps

    declared = {
        label for config in apps.get_app_configs() for label in getattr(config, cache.DECLARATION, ())
    }
    assert {model._meta.label for model in cache.declared_models()} == declared
    contacts_model = apps.get_model("website.SiteContacts")
    assert contacts_model in cache.declared_models()
    before = cache.generation()
    contacts = contacts_model.load()
    contacts.save()
    assert cache.generation() != before


def test_undeclared_rows_keep_the_generation(db):
    from django.contrib.auth.models import Group

    before = cache.generation()
    Group.objects.create(name="not cached anywhere")
    assert cache.generation() == before


def test_scoped_entries_follow_their_scopes_and_every_unscoped_change(db):
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    def read():
        return cache.cached("scoped-test", compute, scopes=["page:a"])

    assert read() == 1
    cache.invalidate_scopes(["page:b"])  # another page published
    assert read() == 1
    cache.invalidate_scopes(["page:a"])
    assert read() == 2
    cache.invalidate()  # anything unscoped: taxonomy, moves, deletions
    assert read() == 3


def test_unscoped_entries_follow_every_publish(db):
    computed = []
    cache.cached("unscoped-test", lambda: computed.append(1) or 1)
    cache.invalidate_scopes(["page:b"])
    cache.cached("unscoped-test", lambda: computed.append(1) or 1)
    assert len(computed) == 2


def test_a_quota_bounds_new_entries_per_generation(db):
    with cache.request_scope():
        for n in range(3):
            cache.cached(f"family:{n}", lambda n=n: n + 1, scopes=["catalogue"], quota=("family", 2))
        assert cache.refused_in_request()
    assert cache.peek("family:1", scopes=["catalogue"]) == 2
    assert cache.peek("family:2", scopes=["catalogue"]) is None
    cache.invalidate_scopes(["catalogue"])
    with cache.request_scope():
        assert cache.store("family:2", 3, 30, scopes=["catalogue"], quota=("family", 2))
        assert not cache.refused_in_request()


def _lock_of(name):
    return f"lock:{cache.key(name)}"


def test_claim_is_held_by_one_caller_until_released(db):
    assert cache.claim("claim-test", 60)
    assert not cache.claim("claim-test", 60)
    cache.release("claim-test")
    assert cache.claim("claim-test", 60)
    cache.release("claim-test")


def test_a_locked_entry_waits_for_the_build_of_the_process_holding_the_lock(db, monkeypatch):
    computed = []
    assert cache.claim(_lock_of("locked-test"), 30)  # another process is building it

    def other_process_keeps_its_value(seconds):
        cache.shared.set(cache.key("locked-test"), "built elsewhere", 60)

    monkeypatch.setattr(cache.time, "sleep", other_process_keeps_its_value)
    value = cache.cached("locked-test", lambda: computed.append(1) or "built here", lock=30)
    assert (value, computed) == ("built elsewhere", [])


def test_a_locked_entry_is_built_here_when_the_holder_gives_up(db, monkeypatch):
    assert cache.claim(_lock_of("given-up-test"), 30)
    # The holder failed: its lock goes without a value.
    monkeypatch.setattr(cache.time, "sleep", lambda seconds: cache.release(_lock_of("given-up-test")))
    assert cache.cached("given-up-test", lambda: "built here", lock=30) == "built here"
    assert cache.shared.get(cache.key("given-up-test")) == "built here"
    assert cache.claim(_lock_of("given-up-test"), 30)  # the builder released it


def test_the_lock_is_released_when_the_build_fails(db):
    def fail():
        raise RuntimeError("build failed")

    with pytest.raises(RuntimeError):
        cache.cached("failed-build-test", fail, lock=30)
    assert cache.claim(_lock_of("failed-build-test"), 30)


def test_generation_moved_names_the_scopes_once_the_change_commits(db, django_capture_on_commit_callbacks):
    moved = []

    def receiver(sender, scopes, **kwargs):
        moved.append(tuple(scopes))

    cache.generation_moved.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            cache.invalidate_scopes(["catalogue"])
            assert moved == []  # not before the commit: other processes would read the old rows
            cache.invalidate()
    finally:
        cache.generation_moved.disconnect(receiver)
    assert moved == [(cache.SITE, "catalogue"), (cache.SITE, cache.BASE)]


@pytest.mark.integration
def test_concurrent_visitors_of_a_locked_entry_build_it_once():
    # Real Redis (the integration tier's settings): the lock is shared by every thread, as by workers.
    name = f"locked-concurrent-{time.time_ns()}"
    builds = []

    def build():
        builds.append(1)
        time.sleep(0.3)
        return "index"

    with ThreadPoolExecutor(max_workers=4) as pool:
        values = list(pool.map(lambda _: cache.cached(name, build, lock=10), range(4)))
    assert values == ["index"] * 4
    assert builds == [1]


def test_buffer_drains_ended_slots_once_and_survives_a_new_generation(db, time_machine):
    time_machine.move_to("2026-12-07 10:00:30+00:00", tick=False)
    assert cache.append("probe", ("a", 1))
    assert cache.append("probe", ("b", 2))
    cache.invalidate()
    # The slot has not ended (nor its grace): nothing yet.
    assert cache.drain("probe") == []
    time_machine.move_to("2026-12-07 10:01:04+00:00", tick=False)
    assert cache.drain("probe") == []
    assert cache.append("probe", ("c", 3))
    time_machine.move_to("2026-12-07 10:01:06+00:00", tick=False)
    assert cache.drain("probe") == [("a", 1), ("b", 2)]
    assert cache.drain("probe") == []
    time_machine.move_to("2026-12-07 10:02:06+00:00", tick=False)
    assert cache.drain("probe") == [("c", 3)]
