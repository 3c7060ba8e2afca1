"""Text normalisation shared by indexing and querying on every backend.

ё/е folding happens here, in code, at index and at query time, so it holds on PostgreSQL, SQLite and both
Elasticsearch analysis profiles whatever the engine can do itself.
"""

import html
import re

from django.utils.html import strip_tags

WORD_RE = re.compile(r"[\w]+(?:[.\-][\w]+)*", re.UNICODE)
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12

# Light endings for the SQLite development fallback, which has no stemmer: "высоте" and "высота" share
# "высот", "welding" and "welds" share "weld". PostgreSQL and Elasticsearch stem properly.
_RU_ENDINGS = sorted(
    [
        "ами",
        "ями",
        "ого",
        "его",
        "ому",
        "ему",
        "ыми",
        "ими",
        "ой",
        "ей",
        "ий",
        "ый",
        "ая",
        "яя",
        "ое",
        "ее",
        "ую",
        "юю",
        "ов",
        "ев",
        "ах",
        "ях",
        "ам",
        "ям",
        "ом",
        "ем",
        "ью",
        "ы",
        "и",
        "а",
        "я",
        "о",
        "е",
        "у",
        "ю",
        "ь",
    ],
    key=len,
    reverse=True,
)
_EN_ENDINGS = ["ings", "ing", "ed", "es", "s"]


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


def light_stem(term):
    """A crude suffix strip used only where the engine has no stemmer (SQLite)."""
    if len(term) <= 4 or any(ch.isdigit() for ch in term):
        return term
    endings = _RU_ENDINGS if re.search("[а-я]", term) else _EN_ENDINGS
    for ending in endings:
        if term.endswith(ending) and len(term) - len(ending) >= 4:
            return term[: -len(ending)]
    return term


def html_to_text(value):
    """Plain text of an HTML fragment."""
    return " ".join(html.unescape(strip_tags(str(value or ""))).split())


def stream_text(value):
    """All human-readable text of a StreamField value (rich text, strings, lists, structs), in order."""
    parts = []
    _collect(value, parts, 0)
    return " ".join(part for part in parts if part)


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
    if hasattr(value, "raw_data") and hasattr(value, "__iter__"):  # StreamValue
        for child in value:
            _collect(getattr(child, "value", child), parts, depth + 1)
        return
    if isinstance(value, dict):
        for item in value.values():
            _collect(item, parts, depth + 1)
        return
    if isinstance(value, (list, tuple)):
        for item in value:
            _collect(getattr(item, "value", item), parts, depth + 1)
        return
    # Models chosen in blocks (pages, images, snippets) contribute nothing to the text.


def highlight(text, query_terms, max_chars=None):
    """HTML-escaped ``text`` with the words starting like a query term wrapped in <mark>.

    Matching folds ё/е and case; terms are stemmed lightly so "высота" marks "высоте". Used by the
    database backend (the Elasticsearch backend gets highlights from the engine).
    """
    text = text or ""
    stems = sorted({light_stem(t) for t in query_terms if len(t) >= 2}, key=len, reverse=True)
    if max_chars and len(text) > max_chars:
        text = _window(text, stems, max_chars)
    if not stems:
        return html.escape(text)
    pattern = re.compile(r"\b(" + "|".join(_folded_pattern(s) for s in stems) + r")\w*", re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        out.append(f"<mark>{html.escape(match.group(0))}</mark>")
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def _folded_pattern(stem):
    return "".join("[её]" if ch == "е" else re.escape(ch) for ch in stem)


def _window(text, stems, max_chars):
    folded = fold(text).lower()
    positions = [pos for pos in (folded.find(s) for s in stems) if pos >= 0]
    start = max(0, min(positions) - max_chars // 4) if positions else 0
    snippet = text[start : start + max_chars]
    return ("…" if start else "") + snippet + ("…" if start + max_chars < len(text) else "")
