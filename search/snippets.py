"""Highlighted snippets for the database backend and promoted results: HTML-escaped text with the
query's words marked (the Elasticsearch backend gets its highlights from the engine)."""

import html
import re

from search import morphology
from search.text import fold


def highlight(text, query_terms, max_chars=None):
    """HTML-escaped ``text`` with the words starting like a query term wrapped in <mark>.

    Matching folds ё/е and case, and a word is marked when it starts with one of the query term's
    variants (``search.morphology``), so "высота" marks "высоте" and "шов" marks "швов". Used by the
    database backend (the Elasticsearch backend gets highlights from the engine).
    """
    text = text or ""
    stems = sorted(
        {variant for t in query_terms if len(t) >= 2 for variant in morphology.variants(t)},
        key=len,
        reverse=True,
    )
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
    """About ``max_chars`` of ``text`` around the first match, cut between words."""
    folded = fold(text).lower()
    positions = [pos for pos in (folded.find(s) for s in stems) if pos >= 0]
    start = max(0, min(positions) - max_chars // 4) if positions else 0
    end = start + max_chars
    if start:
        space = text.find(" ", start, min(positions) if positions else end)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    snippet = text[start:end]
    return ("…" if start else "") + snippet + ("…" if end < len(text) else "")
