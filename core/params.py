"""Parsing request parameters: the one place that turns a client's text into an id.

``str.isdigit()`` accepts digits no ``int()`` reads (``"²"``) and ``int()`` reads numbers no database
column holds (``2**63``): either ends as a server error further down. Ids are ASCII digits within the
database's range, or they name nothing.
"""

import re

# The largest primary key the database holds (a bigint; SQLite's integer): a larger id in a request
# names nothing, and the database would fail on it.
MAX_ID = 2**63 - 1
_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(raw):
    """``raw`` (text) as a database id, or None when it cannot be one."""
    if raw is None or not _ASCII_DIGITS.fullmatch(str(raw)):
        return None
    value = int(raw)
    return value if 1 <= value <= MAX_ID else None
