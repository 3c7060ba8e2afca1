"""Text normalisation shared by indexing and querying on every backend.

ё/е folding happens here, in code, at index and at query time, so it holds on PostgreSQL, SQLite and both
Elasticsearch analysis profiles whatever the engine can do itself.
"""

import html
import re

from django.utils.html import strip_tags
from wagtail.blocks import StreamValue
from wagtail.blocks.list_block import ListValue

# Dotted versions (2.4.1) stay one term; a hyphen separates words, so «наряд-допуск» is matched as
# «наряду-допуску» is written: word by word, on every backend.
WORD_RE = re.compile(r"[\w]+(?:\.[\w]+)*", re.UNICODE)
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12


def fold(text):
    """ё→е (both cases); the one folding every backend relies on."""
    return text.replace("ё", "е").replace("Ё", "Е")


def normalize(text):
    """Folded, lower-cased text with collapsed whitespace (what is stored for matching)."""
    return " ".join(fold(text or "").casefold().split())


def clean_query(raw):
    """A user query made safe: bounded length, no control characters, collapsed whitespace."""
    text = "".join(ch if ch.isprintable() else " " for ch in (raw or ""))[:MAX_QUERY_LENGTH]
    return " ".join(text.split())


def terms(text):
    """Normalised word terms of ``text`` (letters, digits, and dotted versions such as 2.4.1)."""
    return WORD_RE.findall(normalize(text))[:MAX_TERMS]


def html_to_text(value):
    """Plain text of an HTML fragment."""
    return " ".join(html.unescape(strip_tags(str(value or ""))).split())


def stream_text(value):
    """The human-readable text of a StreamField value (rich text, strings, lists, structs), in order.

    Section headings are left out: a struct's ``title`` above a list («Цели обучения», «Scenario»)
    labels the section on every page alike, so it would match every trainer and fill the snippets.
    A title that is content (a scenario step's, beside its text) is kept.
    """
    parts = []
    _collect(value, parts, 0)
    return " ".join(part for part in parts if part)


def _is_heading(key, struct):
    return key == "title" and any(isinstance(item, (ListValue, list, tuple)) for item in struct.values())


def _collect(value, parts, depth):
    if value is None or depth > 8:
        return
    if isinstance(value, str):
        parts.append(html_to_text(value))
        return
    if isinstance(value, (int, float, bool)):
        return
    source = getattr(value, "source", None)  # RichText
    if isinstance(source, str):
        parts.append(html_to_text(source))
        return
    if isinstance(value, dict):  # StructValue and plain dicts
        for key, item in value.items():
            if not _is_heading(key, value):
                _collect(item, parts, depth + 1)
        return
    if isinstance(value, (StreamValue, ListValue, list, tuple)):
        for item in value:
            # StreamValue and ListValue children wrap their values (StreamChild, ListChild).
            _collect(getattr(item, "value", item), parts, depth + 1)
        return
    # Models chosen in blocks (pages, images, snippets) contribute nothing to the text.
