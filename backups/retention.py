"""Which backups to keep: the newest of each of the last N days, ISO weeks and months."""

from datetime import UTC, datetime

ID_FORMAT = "%Y%m%dT%H%M%SZ"


def parse_id(name):
    """The UTC time of a backup folder's name, or None for a name that is not a backup's."""
    try:
        return datetime.strptime(name, ID_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def new_id(moment):
    return moment.astimezone(UTC).strftime(ID_FORMAT)


def kept(moments, *, daily, weekly, monthly):
    """The moments to keep among ``moments`` (the newest one always)."""
    newest_first = sorted(moments, reverse=True)
    keep = set(newest_first[:1])
    for count, period in (
        (daily, lambda m: m.date()),
        (weekly, lambda m: m.isocalendar()[:2]),
        (monthly, lambda m: (m.year, m.month)),
    ):
        seen = []
        for moment in newest_first:
            if len(seen) >= count:
                break
            if period(moment) not in seen:
                seen.append(period(moment))
                keep.add(moment)
    return keep
