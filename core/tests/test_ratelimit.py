"""Rate limits: the period a message names, and Retry-After as the second the window resets."""

import pytest
import time_machine
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import translation

from core.ratelimit import RateLimited, check, period_seconds, wait_message


@pytest.fixture(autouse=True)
def empty_cache():
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
