"""The Russian production calendar and the "3 working days' notice" rule.

Working days come from the ``holidays`` library (country RU), which models public holidays, the
days off moved by government decree and the transferred working Saturdays (``weekend_workdays``:
for example 2025-11-01 was a working Saturday and 2025-11-03 a day off). Decrees the library lacks
(or gets wrong) are entered by staff as ``WorkingDayException`` rows, which always win.

The notice rule ("не менее чем за 3 рабочих дня до начала работ") is read as: the day of
publication does not count (it is already partly gone); three whole working days must pass after
it; works may begin at 00:00 Moscow time of the day after the third working day. A notice
published on Friday 2025-11-21 (at any hour) thus allows works from Thursday 2025-11-27 00:00 MSK
(Mon 24, Tue 25, Wed 26 being the three working days).
"""

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.utils import timezone

from core.cache import cached
from support.status.models.workdays import WorkingDayException

MOSCOW = ZoneInfo("Europe/Moscow")
NOTICE_WORKING_DAYS = 3
# Guards against an endless search if a misconfigured exception table marked every day a day off.
_MAX_SCAN_DAYS = 366


@lru_cache(maxsize=16)
def _library_calendar(year):
    # Local: the holidays library adds about 2 MB to every process that sets Django up (management
    # commands included), and only the status pages and the support deadlines ask the calendar.
    import holidays

    return holidays.country_holidays("RU", years=year)


def _read_exceptions():
    return dict(WorkingDayException.objects.values_list("date", "is_working"))


def _exceptions():
    """``{date: is_working}`` from the admin table, cached until an exception is saved or deleted
    (``StatusConfig.invalidates_cache``)."""
    return cached("status:working-day-exceptions", _read_exceptions, timeout=3600)


def is_working_day(day):
    """True when ``day`` is a working day of the Russian production calendar (exceptions first)."""
    if isinstance(day, dt.datetime):
        day = to_moscow(day).date()
    override = _exceptions().get(day)
    if override is not None:
        return override
    return _library_calendar(day.year).is_working_day(day)


def to_moscow(moment):
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, MOSCOW)
    return moment.astimezone(MOSCOW)


def next_working_day(day):
    """The first working day strictly after ``day``."""
    for _ in range(_MAX_SCAN_DAYS):
        day += dt.timedelta(days=1)
        if is_working_day(day):
            return day
    raise ValueError("no working day within a year: check the working-day exceptions")


def add_working_days(moment, n):
    """The date of the ``n``-th working day strictly after the (Moscow) date of ``moment``."""
    day = to_moscow(moment).date() if isinstance(moment, dt.datetime) else moment
    for _ in range(n):
        day = next_working_day(day)
    return day


def earliest_allowed_start(published_at, working_days=NOTICE_WORKING_DAYS):
    """The earliest start of planned works announced at ``published_at`` (aware, Moscow time).

    00:00 Moscow of the day after the ``working_days``-th whole working day following the day of
    publication (see the module docstring for the reading of the rule).
    """
    last_notice_day = add_working_days(published_at, working_days)
    return dt.datetime.combine(last_notice_day + dt.timedelta(days=1), dt.time.min, tzinfo=MOSCOW)


def add_working_hours(start, hours, day_hours=(dt.time(9), dt.time(18))):
    """The moment ``hours`` of working time after ``start``: only the ``day_hours`` of working days
    count (Moscow time), so a report filed on Friday evening is due on Monday (or after a holiday).
    Returns an aware Moscow datetime; a start outside working hours counts from the next opening."""
    remaining = dt.timedelta(hours=hours)
    cursor = to_moscow(start)
    day = cursor.date()
    for _ in range(_MAX_SCAN_DAYS * 2):
        if is_working_day(day):
            open_at = dt.datetime.combine(day, day_hours[0], tzinfo=MOSCOW)
            close_at = dt.datetime.combine(day, day_hours[1], tzinfo=MOSCOW)
            begin = max(cursor, open_at)
            if begin < close_at:
                if remaining <= close_at - begin:
                    return begin + remaining
                remaining -= close_at - begin
        day += dt.timedelta(days=1)
    raise ValueError("no working hours within two years: check the working-day exceptions")


def working_hours_overlap(start, end, hours=(dt.time(9), dt.time(18))):
    """Whether ``[start, end)`` intersects working hours on any working day (Moscow time)."""
    start, end = to_moscow(start), to_moscow(end)
    day = start.date()
    for _ in range(_MAX_SCAN_DAYS):
        if day > end.date():
            return False
        if is_working_day(day):
            open_at = dt.datetime.combine(day, hours[0], tzinfo=MOSCOW)
            close_at = dt.datetime.combine(day, hours[1], tzinfo=MOSCOW)
            if start < close_at and end > open_at:
                return True
        day += dt.timedelta(days=1)
    # A window longer than a year certainly covers working hours.
    return True
