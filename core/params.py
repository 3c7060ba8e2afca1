"""Parsing request input: the one place that turns a client's text into numbers, ids and JSON.

``str.isdigit()`` accepts digits no ``int()`` reads (``"²"``), ``int()`` reads digits of other scripts
(``"٣"``, ``"３"``) and numbers no database column holds (``2**63``), and ``json.loads`` recurses once per
nesting level: each ends as a server error further down. Here numbers are ASCII digits within the
database's range, ids are such numbers from 1, slugs are what a slug field holds, and JSON is parsed
only when its nesting is shallow.
Views, forms, serializers, paginators, URL converters and the Wagtail API all come through here.
"""

import json
import re

# The largest integer the database holds (a bigint; SQLite's integer): a larger number in a request
# names nothing, and the database would fail on it.
MAX_ID = 2**63 - 1
# Deep enough for any document a client of ours sends (the fault report's environment is two levels).
MAX_JSON_DEPTH = 32

# Wagtail's slug field: 255 characters of letters, digits, underscores and hyphens (Unicode).
SLUG_MAX_LENGTH = 255
_SLUG = re.compile(r"[-\w]+")
_INTEGER = re.compile(r"-?[0-9]{1,19}")
# Unrolled ("[^"\\]*" runs between escapes) so that long strings go at the engine's speed.
_JSON_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_JSON_BRACKETS = re.compile(r"[\[\]{}]")
# Printable ASCII without surrounding blanks (an ``Idempotency-Key`` and the like).
_PRINTABLE = re.compile(r"[!-~](?:[ -~]*[!-~])?")


def parse_int(raw, *, minimum=0, maximum=MAX_ID):
    """``raw`` (text or int) as an integer from ``minimum`` to ``maximum``, or None when it is not one.

    Surrounding blanks are forgiven; signs other than a leading minus, decimals, exponents and digits
    outside ASCII are not."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int):
        value = raw
    else:
        text = str(raw).strip()
        if not _INTEGER.fullmatch(text):
            return None
        value = int(text)
    return value if minimum <= value <= maximum else None


def parse_slug(raw):
    """``raw`` (text) as a page slug (Wagtail's, Unicode allowed), or None when it cannot be one."""
    text = "" if raw is None else str(raw)
    return text if len(text) <= SLUG_MAX_LENGTH and _SLUG.fullmatch(text) else None


def parse_printable(raw, *, max_length=255):
    """``raw`` (text) as 1 to ``max_length`` printable ASCII characters with no blank at either end, or
    None when it is not that."""
    text = "" if raw is None else str(raw)
    return text if len(text) <= max_length and _PRINTABLE.fullmatch(text) else None


def parse_id(raw):
    """``raw`` (text) as a database id, or None when it cannot be one."""
    text = "" if raw is None else str(raw)
    if not (text.isascii() and text.isdigit()):
        return None
    return parse_int(text, minimum=1)


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in a JSON text, counted without parsing it.

    Strings are cut out first (a regular expression, so a large body costs little), and only the
    brackets left are counted."""
    depth = deepest = 0
    for bracket in _JSON_BRACKETS.findall(_JSON_STRINGS.sub("", text)):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


class JSONTooDeep(ValueError):
    """A JSON text nested deeper than :data:`MAX_JSON_DEPTH`."""


def loads_json(data, max_depth=MAX_JSON_DEPTH, **kwargs):
    """``json.loads`` that refuses deep nesting before the parser recurses into it."""
    if json_depth(data) > max_depth:
        raise JSONTooDeep(f"JSON nested deeper than {max_depth} levels")
    return json.loads(data, **kwargs)


class IdConverter:
    """The ``<id:...>`` URL converter: a database id, else the URL matches nothing (a 404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = parse_id(value)
        if number is None:
            raise ValueError(value)
        return number

    def to_url(self, value):
        return str(value)
