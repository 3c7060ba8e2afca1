"""Ids from request parameters: ASCII digits within the database's range, or nothing."""

from hypothesis import given
from hypothesis import strategies as st

from core.params import MAX_ID, parse_id


def test_ids_within_the_database_range():
    assert parse_id("1") == 1
    assert parse_id(str(MAX_ID)) == MAX_ID
    assert parse_id("007") == 7


def test_what_names_no_row_is_none():
    for raw in (
        None,
        "",
        "0",
        "-1",
        "+1",
        " 1",
        "1.0",
        "²",
        "١٢",
        "１２",
        str(MAX_ID + 1),
        "9" * 40,
        "1\x00",
    ):
        assert parse_id(raw) is None, raw


@given(st.text())
def test_any_text_is_an_id_in_range_or_none(raw):
    value = parse_id(raw)
    assert value is None or (1 <= value <= MAX_ID and raw.isascii() and raw.isdigit())
