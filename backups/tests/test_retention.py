from datetime import UTC, datetime, timedelta

from backups import retention


def test_daily_weekly_and_monthly_counts():
    start = datetime(2026, 1, 1, 3, tzinfo=UTC)
    # Two backups a day for 120 days.
    moments = [start + timedelta(hours=12 * n) for n in range(240)]
    keep = retention.kept(moments, daily=7, weekly=4, monthly=3)
    newest = max(moments)
    days = {m.date() for m in keep if newest - m < timedelta(days=7)}
    assert len(days) == 7
    assert newest in keep
    # Each kept one is the newest of its day, week or month; nothing older than three months stays.
    assert min(keep) >= datetime(2026, 2, 1, tzinfo=UTC)
    assert len(keep) <= 7 + 4 + 3
    assert len({(m.year, m.month) for m in keep}) == 3


def test_zero_counts_still_keep_the_newest():
    moments = [datetime(2026, 5, d, tzinfo=UTC) for d in range(1, 10)]
    assert retention.kept(moments, daily=0, weekly=0, monthly=0) == {max(moments)}


def test_ids_round_trip():
    moment = datetime(2026, 12, 6, 22, 40, 5, tzinfo=UTC)
    assert retention.parse_id(retention.new_id(moment)) == moment
    assert retention.parse_id("objects") is None
