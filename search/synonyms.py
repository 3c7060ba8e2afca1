"""Query-time synonym expansion (works on every backend and analysis profile)."""

import re

from core.cache import cached
from search.models import SearchSynonym
from search.text import normalize

MAX_ALTERNATIVES = 6


def _enabled_groups():
    return [s.phrases() for s in SearchSynonym.objects.filter(enabled=True)]


def groups():
    """Enabled synonym groups as lists of phrases.

    Synonyms are snippets: saving or deleting one starts a new content generation, so the cached
    groups are never stale (``core.cache``)."""
    return cached("search:synonym-groups", _enabled_groups)


def _is_abbreviation(phrase):
    letters = [ch for ch in phrase if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _finder(phrase):
    """A matcher for a whole phrase: abbreviations match case-sensitively ("ОТ", not the word "от")."""
    if _is_abbreviation(phrase):
        return re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)"), False
    return re.compile(r"(?<!\w)" + re.escape(normalize(phrase)) + r"(?!\w)"), True


def expand(text):
    """``[text, variant, ...]``: the query and its variants with each matched phrase replaced."""
    alternatives = [text]
    for group in groups():
        for phrase in group:
            pattern, folded = _finder(phrase)
            haystack = normalize(text) if folded else text
            if not pattern.search(haystack):
                continue
            for other in group:
                if other == phrase:
                    continue
                variant = pattern.sub(other.replace("\\", ""), haystack)
                if variant not in alternatives:
                    alternatives.append(variant)
            break
    return alternatives[:MAX_ALTERNATIVES]
