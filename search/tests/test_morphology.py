"""Word variants: Snowball stems, pymorphy3 lemmas and the editors' word families (seeded by a migration)."""

import pytest

from search import morphology
from search.models import WordFamily

pytestmark = pytest.mark.django_db


def matches(query_word, document_word):
    """How every backend compares: an exact word whole, any other by the prefixes of its variants."""
    if morphology.is_exact(query_word):
        return document_word == query_word
    return any(document_word.startswith(variant) for variant in morphology.variants(query_word))


@pytest.mark.parametrize(
    ("query_word", "document_word"),
    [
        ("высота", "высоте"),
        ("шов", "швов"),  # Snowball leaves both alone; the lemma's forms find it
        ("швы", "шов"),
        ("сварка", "сварных"),  # the seeded family сварка / сварной / сварщик / сварочный
        ("сварщика", "сварочный"),
        ("кабель", "кабельных"),
        ("пожар", "пожарная"),
        ("safety", "safety"),  # Snowball writes "safeti"; the raw text still matches
        ("welding", "welder"),
        ("mining", "miners"),
        ("mine", "mining"),
    ],
)
def test_a_word_matches_its_forms_and_family(query_word, document_word):
    assert matches(query_word, document_word)


@pytest.mark.parametrize(
    ("query_word", "document_word"),
    [
        ("сиз", "сизый"),  # an abbreviation is not read as the adjective
        ("лэп", "лэпник"),
        ("2.4", "2.45"),
        ("кран", "красный"),
        ("сварка", "свая"),
    ],
)
def test_abbreviations_numbers_and_unrelated_words_do_not_match(query_word, document_word):
    assert not matches(query_word, document_word)


def test_abbreviations_and_numbers_are_matched_as_typed():
    assert morphology.variants("лэп") == ("лэп",)
    assert morphology.variants("110") == ("110",)
    assert morphology.variants("2.4.1") == ("2.4.1",)


def test_an_editors_family_takes_effect_at_once():
    assert not matches("лестница", "стремянка")
    WordFamily.objects.create(words_text="лестница, стремянка")
    assert matches("лестница", "стремянки")
    assert matches("стремянку", "лестницы")


def test_a_disabled_family_is_ignored():
    assert matches("сварка", "сварных")
    family = WordFamily.objects.get(words_text__startswith="сварка")
    family.enabled = False
    family.save()
    assert not matches("сварка", "сварных")
