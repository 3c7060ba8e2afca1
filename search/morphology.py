"""Word forms for matching: Snowball stems, pymorphy3 lemmas and editors' word families.

Every backend matches a query word by the prefixes of its forms (``variants``), so «сварка» finds
«сварных швов» through the family сварка / сварной / сварщик, and «шов» finds «швов» although the
Snowball stemmer leaves both untouched. PostgreSQL and Elasticsearch still stem the indexed text
themselves; the variants only widen what the query asks for, the same way on every engine.
"""

import re
import threading
from functools import cache, lru_cache
from itertools import takewhile

from core.cache import cached

CYRILLIC = re.compile("[а-я]")
# A prefix shorter than this would match unrelated words; such forms are matched whole instead.
MIN_PREFIX = 3
# Where Snowball rewrites an ending («mining» -> «mine»), a shorter kept part («min») says too little.
MIN_REWRITTEN_PREFIX = 4
MAX_VARIANTS = 12

_stem_lock = threading.Lock()


@cache
def _stemmer(language):
    # Local, like pymorphy3 below: Django's start-up imports this module (search hooks, the database
    # backend), so every process, management commands included, would hold both libraries (about
    # 4 MB) before any search runs.
    import snowballstemmer

    return snowballstemmer.stemmer("russian" if language == "ru" else "english")


@cache
def _analyzer():
    # Loads the Russian dictionary (about 15 MB, 0.2 s) once per process, on the first query.
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def language(word):
    """``ru`` for a word in Cyrillic, else ``en`` (the two languages the site is written in)."""
    return "ru" if CYRILLIC.search(word) else "en"


@lru_cache(maxsize=20_000)
def is_exact(word):
    """Whether ``word`` is matched only as typed: numbers, versions, abbreviations and short words.

    Three-letter Russian words are expanded when the dictionary knows them as ordinary nouns («шов»,
    «газ»), not abbreviations («ЛЭП») or other parts of speech («СИЗ» would become «сизый»).
    """
    if len(word) < 3 or any(ch.isdigit() for ch in word):
        return True
    if len(word) > 3:
        return False
    if language(word) != "ru":
        return True
    best = _analyzer().parse(word)[0]
    return not (best.is_known and best.tag.POS == "NOUN" and "Abbr" not in best.tag)


@lru_cache(maxsize=20_000)
def stem(word):
    """The Snowball stem of a normalised (lower-case, ё-folded) word in its script's language."""
    if is_exact(word):
        return word
    # The pure-Python stemmer keeps state in the object between calls; threads must not share a call.
    with _stem_lock:
        return _stemmer(language(word)).stemWord(word)


@lru_cache(maxsize=20_000)
def lemmas(word):
    """Dictionary forms of a Russian word (all readings the dictionary knows); the word itself else."""
    if is_exact(word) or language(word) != "ru":
        return (word,)
    parses = [p for p in _analyzer().parse(word) if p.is_known]
    found = tuple(dict.fromkeys(p.normal_form.replace("ё", "е") for p in parses))
    return found or (word,)


def _forms(word):
    """The word and, in Russian, every form of every lemma it may have."""
    forms = {word}
    if language(word) != "ru" or is_exact(word):
        return forms
    for lemma in lemmas(word):
        for parse in _analyzer().parse(lemma):
            if parse.is_known and parse.normal_form.replace("ё", "е") == lemma:
                forms.update(
                    form.word.replace("ё", "е")
                    for form in parse.lexeme
                    # The по- comparatives («посварнее», «попожарнее») would only add noise.
                    if "Cmp2" not in form.tag
                )
    return forms


def _prefix(form):
    """What a matching document word starts with: the part of the form its stem keeps.

    Not the stem itself: Snowball rewrites some endings («safety» -> «safeti»), and SQLite matches
    the raw text."""
    form_stem = stem(form)
    same = takewhile(lambda pair: pair[0] == pair[1], zip(form, form_stem, strict=False))
    kept = "".join(letter for letter, _ in same)
    if len(kept) >= MIN_REWRITTEN_PREFIX or (kept == form_stem and len(kept) >= MIN_PREFIX):
        return kept
    return form


def _family_key(word):
    return lemmas(word)[0] if language(word) == "ru" else stem(word)


def _families():
    """``{key: member words}`` of the enabled word families; a key is a member's lemma (en: its stem)."""
    from search.models import WordFamily  # local: search.models imports search.text, which imports this

    index = {}
    for family in WordFamily.objects.filter(enabled=True):
        words = family.words()
        for word in words:
            key = _family_key(word)
            index[key] = tuple(dict.fromkeys(index.get(key, ()) + tuple(words)))
    return index


def families():
    """Word families are snippets: saving one starts a new content generation (``core.cache``)."""
    return cached("search:word-families", _families)


@lru_cache(maxsize=20_000)
def _variants(word, family_members):
    prefixes = {_prefix(form) for root in (word, *family_members) for form in _forms(root)}
    # Only the shortest prefixes matter: "сварн" already covers "сварная".
    kept = []
    for prefix in sorted(prefixes, key=lambda p: (len(p), p)):
        if not any(prefix.startswith(shorter) for shorter in kept):
            kept.append(prefix)
    return tuple(kept[:MAX_VARIANTS])


def variants(word):
    """The prefixes a document word may start with to match the normalised query ``word``.

    The stems of the word, of every form of its lemmas and of the members of their word families,
    reduced to the shortest ones (a document word starting with "сварн" also starts with "свар").
    """
    if is_exact(word):
        return (word,)
    members = ()
    index = families()
    for key in sorted({*lemmas(word), _family_key(word)}):
        members += index.get(key, ())
    return _variants(word, tuple(dict.fromkeys(members)))
