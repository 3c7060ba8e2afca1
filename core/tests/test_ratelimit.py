"""Rate limits: the period a message names, and Retry-After as the second the window resets."""

import socket
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import translation
from django_ratelimit.core import EXPIRATION_FUDGE

from core.ratelimit import RateLimited, check, check_all, period_seconds, wait_message


@pytest.fixture(autouse=True)
def empty_cache():
    if hasattr(cache, "delete_pattern"):
        # Redis (the integration tier) is shared with other test runs: only this run's counters go.
        cache.delete_pattern("rl:*")
    else:
        cache.clear()


@pytest.mark.parametrize(
    ("rate", "en", "ru"),
    [
        ("10/h", "in an hour", "через час"),
        ("5/m", "in a minute", "через минуту"),
        ("100/d", "in a day", "через день"),
        ("3/s", "in a second", "через секунду"),
        ("3/15m", "in 15 minutes", "через 15 минут"),
        ("3/21m", "in 21 minutes", "через 21 минуту"),
        ("3/2h", "in 2 hours", "через 2 часа"),
        ("3/5d", "in 5 days", "через 5 дней"),
        ("3/120s", "in 2 minutes", "через 2 минуты"),
        ("3/90s", "in 90 seconds", "через 90 секунд"),
    ],
)
def test_the_message_names_the_period_of_the_rate(rate, en, ru):
    with translation.override("en"):
        assert wait_message(rate) == f"Too many requests. Please try again {en}."
    with translation.override("ru"):
        assert wait_message(rate) == f"Слишком много запросов. Попробуйте снова {ru}."


def test_period_seconds():
    assert [period_seconds(rate) for rate in ("10/h", "5/m", "100/d", "3/15m")] == [3600, 60, 86400, 900]


def _request(ip="203.0.113.7"):
    return RequestFactory().post("/", REMOTE_ADDR=ip)


def test_over_the_limit_raises_with_the_seconds_until_the_window_resets():
    with time_machine.travel(1_800_000_000.25, tick=False) as traveller:
        for _ in range(2):
            check(_request(), group="test", key="ip", rate="2/h")
        with pytest.raises(RateLimited) as limited:
            check(_request(), group="test", key="ip", rate="2/h")
        wait = limited.value.retry_after
        assert 1 <= wait <= 3600
        assert limited.value.rate == "2/h"
        # One second before Retry-After the window is still full; at Retry-After a new one starts.
        traveller.shift(wait - 1)
        with pytest.raises(RateLimited):
            check(_request(), group="test", key="ip", rate="2/h")
        traveller.shift(1)
        check(_request(), group="test", key="ip", rate="2/h")


def test_each_key_and_group_counts_on_its_own():
    check(_request(), group="a", key="ip", rate="1/h")
    check(_request("203.0.113.8"), group="a", key="ip", rate="1/h")
    check(_request(), group="b", key="ip", rate="1/h")
    with pytest.raises(RateLimited):
        check(_request(), group="a", key="ip", rate="1/h")


def _two_limits():
    return [("pair:ip", "ip", "3/h"), ("pair:phone", lambda group, request: "+79160000000", "1/h")]


def _limits_counted_together():
    """Both limits count every attempt; the first over its limit is the one named."""
    check_all(_request("192.0.2.40"), _two_limits())
    with pytest.raises(RateLimited) as limited:
        check_all(_request("192.0.2.40"), _two_limits())
    assert limited.value.rate == "1/h"
    # The address was counted with the phone (2 of 3): one more from it is its last.
    check(_request("192.0.2.40"), group="pair:ip", key="ip", rate="3/h")
    with pytest.raises(RateLimited):
        check(_request("192.0.2.40"), group="pair:ip", key="ip", rate="3/h")


def test_several_limits_count_together():
    _limits_counted_together()


@pytest.mark.integration
def test_several_limits_count_together_in_one_redis_round_trip(monkeypatch):
    trips = []
    client = cache.client.get_client(write=True)
    pipeline_class = type(client.pipeline())
    execute = pipeline_class.execute
    monkeypatch.setattr(
        pipeline_class, "execute", lambda self, *a, **k: trips.append(1) or execute(self, *a, **k)
    )
    _limits_counted_together()
    assert len(trips) == 4  # one per call, whatever the number of limits


def _redis_cache_at(settings, location):
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "LOCATION": location},
    }


@pytest.mark.integration
def test_limits_stay_exact_when_workers_count_at_once():
    # Real Redis: 8 threads stand for the workers of several processes counting one address.
    def attempt(_):
        try:
            check(_request("198.51.100.9"), group="exact", key="ip", rate="25/h")
        except RateLimited:
            return False
        return True

    with ThreadPoolExecutor(max_workers=8) as pool:
        admitted = list(pool.map(attempt, range(60)))
    assert admitted.count(True) == 25


@pytest.mark.integration
def test_a_counter_expires_with_its_window():
    check(_request("198.51.100.10"), group="expiry", key="ip", rate="5/m")
    client = cache.client.get_client(write=True)
    (counter,) = client.keys(cache.make_key("rl:*"))
    assert 0 < client.ttl(counter) <= 60 + EXPIRATION_FUDGE
    assert int(client.get(counter)) == 1


@pytest.mark.integration
def test_a_lost_redis_refuses_rather_than_admits(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _redis_cache_at(settings, f"redis://127.0.0.1:{port}/0")
    with pytest.raises(RateLimited) as limited:
        check(_request(), group="lost", key="ip", rate="100/h")
    assert limited.value.retry_after == 1
