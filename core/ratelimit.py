"""Rate limits: every limit of the project counts through :func:`check` (or the :func:`ratelimit`
view decorator) and every over-limit answer is built from :class:`RateLimited`.

Counting is django-ratelimit's: a counter per key in the ``RATELIMIT_USE_CACHE`` cache, in fixed
windows of the rate's period (each key's windows shifted by a hash of the key). The counters must live
in a cache every worker shares, which is why production refuses to start without ``REDIS_URL``. On
Redis a limit counts in one round trip: a script increments the same counter django-ratelimit keeps and
starts its expiry with the window's first count, atomically, so the limit stays exact across workers
(django-ratelimit's ``add`` then ``incr`` takes two), and several limits of one request count in one
pipeline (:func:`check_all`: the intake counts an address and a phone number per report). Other
caches (local memory: development and the unit tests) count through django-ratelimit itself.

A rate is django-ratelimit's string: ``"10/h"``, ``"5/m"``, ``"100/d"``, ``"3/15m"``.
"""

import time
from functools import cache, wraps

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from django_ratelimit import ALL
from django_ratelimit.core import (
    _SIMPLE_KEYS,
    EXPIRATION_FUDGE,
    _get_window,
    _make_cache_key,
    _split_rate,
    get_usage,
)
from django_ratelimit.exceptions import Ratelimited
from redis.exceptions import RedisError

# The count in the window so far, this request included; the counter expires with its window.
COUNT_SCRIPT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
"""

# Largest unit first: a period is named in the largest unit that divides it ("15 minutes", not
# "900 seconds"). One of a unit reads without a number ("in an hour"); Russian "через час" cannot be
# a plural form, since 21 takes the same form as 1.
_UNITS = [
    (86400, _("in a day"), ngettext_lazy("in %(count)d day", "in %(count)d days", "count")),
    (3600, _("in an hour"), ngettext_lazy("in %(count)d hour", "in %(count)d hours", "count")),
    (60, _("in a minute"), ngettext_lazy("in %(count)d minute", "in %(count)d minutes", "count")),
    (1, _("in a second"), ngettext_lazy("in %(count)d second", "in %(count)d seconds", "count")),
]


def period_seconds(rate: str) -> int:
    """The length of the rate's window in seconds (``"10/h"`` -> 3600)."""
    # django-ratelimit's own parser, so the period named is the one it counts in.
    return _split_rate(rate)[1]


def wait_message(rate: str) -> str:
    """The over-limit message in the active language, naming the rate's period ("... in an hour.").

    The period is an upper bound of the wait: the window that is full ends within one period.
    ``Retry-After`` carries the exact seconds."""
    seconds = period_seconds(rate)
    unit, one, many = next(entry for entry in _UNITS if seconds % entry[0] == 0)
    count = seconds // unit
    wait = one if count == 1 else many % {"count": count}
    return gettext("Too many requests. Please try again %(wait)s.") % {"wait": wait}


class RateLimited(Ratelimited):
    """Over a limit: the rate that was exceeded and the seconds until its window resets.

    A ``Ratelimited``, so django-ratelimit's middleware hands it to ``RATELIMIT_VIEW``; the API's
    exception handler (``core.api``) answers it in JSON."""

    def __init__(self, rate: str, retry_after: int):
        super().__init__(rate)
        self.rate = rate
        self.retry_after = retry_after

    @property
    def message(self) -> str:
        return wait_message(self.rate)


@cache
def _count_script(client):
    return client.register_script(COUNT_SCRIPT)


def _usages(request, limits):
    """django-ratelimit's usage of each ``(group, key, rate)`` with this request counted (see the module
    docstring); on Redis all of them in one round trip."""
    counters = caches[settings.RATELIMIT_USE_CACHE]
    if not hasattr(counters, "client") or not getattr(settings, "RATELIMIT_ENABLE", True):
        return [
            get_usage(request, group=group, key=key, rate=rate, increment=True) for group, key, rate in limits
        ]
    counted = []
    for group, key, rate in limits:
        limit, period = _split_rate(rate)
        value = key(group, request) if callable(key) else _SIMPLE_KEYS[key](request)
        window = _get_window(value, period)
        counter = counters.client.make_key(_make_cache_key(group, window, rate, value, ALL))
        counted.append((limit, period, window, counter))
    try:
        client = counters.client.get_client(write=True)
        script = _count_script(client)
        pipeline = client.pipeline(transaction=False)
        for _limit, period, _window, counter in counted:
            script(keys=[counter], args=[period + EXPIRATION_FUDGE], client=pipeline)
        counts = pipeline.execute()
    except (RedisError, OSError):
        # Not counted: closed, as django-ratelimit fails (RATELIMIT_FAIL_OPEN is not used here).
        return [{"count": 0, "limit": 0, "should_limit": True, "time_left": -1} for _ in limits]
    now = int(time.time())
    return [
        {"count": count, "limit": limit, "should_limit": count > limit, "time_left": window - now}
        for (limit, _period, window, _counter), count in zip(counted, counts, strict=True)
    ]


def check(request, *, group: str, key, rate: str) -> None:
    """Count this request against ``rate`` for ``key`` (a django-ratelimit key: ``"ip"`` or a
    function of ``(group, request)``); raise :class:`RateLimited` when it is over the limit."""
    check_all(request, [(group, key, rate)])


def check_all(request, limits) -> None:
    """:func:`check` for several ``(group, key, rate)`` limits at once (one round trip on Redis): every
    limit counts this request, then the first one over its limit raises :class:`RateLimited`."""
    for (_group, _key, rate), usage in zip(limits, _usages(request, limits), strict=True):
        if usage is not None and usage["should_limit"]:
            # ``time_left`` is how far the window's last second is; the new window starts one second
            # later. It is -1 when the cache failed to count (a key that expired between add and incr):
            # the window is over then.
            raise RateLimited(rate, max(usage["time_left"], 0) + 1)


def ratelimit(*, group: str, key, rate_setting: str):
    """View decorator: :func:`check` with the rate read from ``settings.<rate_setting>`` per request."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            check(request, group=group, key=key, rate=getattr(settings, rate_setting))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
