"""The parameter layer: numbers are ASCII digits within the database's range, ids are such numbers from
1, and JSON is refused past a nesting depth before it is parsed."""

import json

import pytest
from django.urls import resolve
from hypothesis import given
from hypothesis import strategies as st

from core.params import (
    MAX_ID,
    MAX_JSON_DEPTH,
    IdConverter,
    JSONTooDeep,
    json_depth,
    loads_json,
    parse_id,
    parse_int,
)

# The classes of input that reached a database or int() unchecked and ended as server errors.
HOSTILE = [
    None, "", " ", "0", "-1", "+1", " 1", "1.0", "1e9", "0x10", "1_000", "NaN", "inf",
    "²", "١٢", "１２", "٣", "\x00", "1\x00", str(MAX_ID + 1), str(2**64), "9" * 40, "😀", "[]",
]  # fmt: skip


def test_ids_within_the_database_range():
    assert parse_id("1") == 1
    assert parse_id(str(MAX_ID)) == MAX_ID
    assert parse_id("007") == 7


def test_what_names_no_row_is_none():
    for raw in HOSTILE:
        assert parse_id(raw) is None, raw


def test_integers_with_bounds():
    assert parse_int("0") == 0
    assert parse_int(" 42 ") == 42
    assert parse_int("-5", minimum=-10) == -5
    assert parse_int("-5") is None
    assert parse_int("11", maximum=10) is None
    assert parse_int(7, maximum=10) == 7
    assert parse_int(True) is None
    for raw in ("²", "١٢", "１２", "1.5", "1e3", str(MAX_ID + 1), "\x00"):
        assert parse_int(raw) is None, raw


@given(st.text())
def test_any_text_is_an_id_in_range_or_none(raw):
    value = parse_id(raw)
    assert value is None or (1 <= value <= MAX_ID and raw.isascii() and raw.isdigit())


@given(
    st.one_of(st.text(), st.integers(), st.none(), st.sampled_from(HOSTILE)),
    st.integers(0, 10),
    st.integers(0, 10**20),
)
def test_any_input_is_an_integer_within_the_bounds_or_none(raw, minimum, maximum):
    value = parse_int(raw, minimum=minimum, maximum=maximum)
    assert value is None or minimum <= value <= maximum
    if isinstance(raw, str) and value is not None:
        assert raw.strip().lstrip("-").isascii() and abs(value) <= 2**63


@given(st.integers(min_value=-(2**63) + 1, max_value=MAX_ID))
def test_every_integer_the_database_holds_reads_back(number):
    assert parse_int(str(number), minimum=-(2**63)) == number


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=20,
)


def _depth(value):
    if isinstance(value, list):
        return 1 + max((_depth(item) for item in value), default=0)
    if isinstance(value, dict):
        return 1 + max((_depth(item) for item in value.values()), default=0)
    return 0


@given(JSON_VALUES)
def test_depth_is_counted_without_parsing_and_strings_do_not_count(value):
    text = json.dumps(value, ensure_ascii=False)
    assert json_depth(text) == _depth(value)
    assert loads_json(text) == value


def test_deep_json_is_refused_before_the_parser_recurses():
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(JSONTooDeep):
        loads_json(deep)
    assert loads_json("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH)
    assert loads_json('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\"]]]"}') == {
        "a": '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["]]]'
    }


def test_the_url_converter_matches_ids_only():
    converter = IdConverter()
    assert converter.to_python("12") == 12
    for raw in ("0", str(MAX_ID + 1)):
        with pytest.raises(ValueError):
            converter.to_python(raw)


def test_an_id_past_the_database_range_in_a_path_is_not_the_view_s():
    assert resolve("/ru/play/12/").kwargs["pk"] == 12
    # It falls through to Wagtail's page serving, which finds no such page (a 404).
    assert resolve(f"/ru/play/{MAX_ID + 1}/").view_name != "simulators:play"
