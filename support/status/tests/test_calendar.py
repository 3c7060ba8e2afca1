"""The production calendar and the 3-working-day notice rule on real 2025-2027 dates."""

import datetime as dt

import pytest

from support.status import calendar
from support.status.models import WorkingDayException

MSK = calendar.MOSCOW
D = dt.date


def msk(*args):
    return dt.datetime(*args, tzinfo=MSK)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2025, 1, 8), False),  # New Year holidays
        (D(2025, 1, 9), True),
        (D(2025, 5, 2), False),  # May holidays: day off moved from 4 January
        (D(2025, 5, 8), False),  # moved from 23 February
        (D(2025, 11, 1), True),  # transferred working Saturday
        (D(2025, 11, 3), False),  # ...whose day off is the Monday
        (D(2025, 12, 31), False),
        (D(2026, 1, 9), False),  # 2026: day off moved from 3 January
        (D(2026, 1, 12), True),
        (D(2026, 3, 9), False),
        (D(2026, 5, 11), False),
        (D(2027, 1, 8), False),
        (D(2027, 2, 20), True),  # working Saturday of 2027
        (D(2027, 2, 22), False),
        (D(2026, 11, 21), False),  # an ordinary Saturday
    ],
)
def test_production_calendar(db, day, working):
    assert calendar.is_working_day(day) is working


def test_admin_exception_overrides_the_library(db):
    day = D(2026, 12, 30)
    assert calendar.is_working_day(day)
    WorkingDayException.objects.create(date=day, is_working=False, note="test decree")
    assert not calendar.is_working_day(day)
    WorkingDayException.objects.filter(date=day).delete()
    assert calendar.is_working_day(day)


@pytest.mark.parametrize(
    ("published", "earliest"),
    [
        # Friday publication: Mon, Tue, Wed are the three working days -> Thursday 00:00.
        (msk(2026, 11, 20, 17, 0), msk(2026, 11, 26)),
        # The publication day never counts, even at 00:01.
        (msk(2026, 11, 23, 0, 1), msk(2026, 11, 27)),
        # New Year: 30 Dec 2025 -> 31 Dec and 1-11 Jan 2026 off -> 12, 13, 14 Jan -> 15 Jan.
        (msk(2025, 12, 30, 12, 0), msk(2026, 1, 15)),
        # May holidays 2025: published Wed 30 Apr -> 5, 6, 7 May (1-4, 8-11 off) -> 8 May 00:00.
        (msk(2025, 4, 30, 10, 0), msk(2025, 5, 8)),
        # Working Saturday 1 Nov 2025 counts; Mon 3 and Tue 4 Nov are off: Thu 30 Oct -> 31, 1, 5.
        (msk(2025, 10, 30, 10, 0), msk(2025, 11, 6)),
        # UTC late evening is already the next day in Moscow.
        (dt.datetime(2026, 11, 19, 22, 30, tzinfo=dt.UTC), msk(2026, 11, 26)),
    ],
)
def test_earliest_allowed_start(db, published, earliest):
    assert calendar.earliest_allowed_start(published) == earliest


def test_add_working_days_skips_the_transfer(db):
    assert calendar.add_working_days(D(2025, 10, 31), 1) == D(2025, 11, 1)
    assert calendar.add_working_days(D(2025, 11, 1), 1) == D(2025, 11, 5)


def test_working_hours_overlap(db):
    hours = (dt.time(9), dt.time(18))
    # Night window on a working day: no overlap.
    assert not calendar.working_hours_overlap(msk(2026, 11, 24, 22), msk(2026, 11, 25, 6), hours)
    assert calendar.working_hours_overlap(msk(2026, 11, 24, 17), msk(2026, 11, 24, 19), hours)
    # Saturday daytime: not working hours; the working Saturday 1 Nov 2025 is.
    assert not calendar.working_hours_overlap(msk(2026, 11, 21, 10), msk(2026, 11, 21, 16), hours)
    assert calendar.working_hours_overlap(msk(2025, 11, 1, 10), msk(2025, 11, 1, 11), hours)
