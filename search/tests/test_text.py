from search.text import clean_query, fold, highlight, light_stem, normalize, stream_text, terms


def test_fold_and_normalize_treat_yo_as_ye():
    assert fold("Тренажёр ЁЛКА") == "Тренажер ЕЛКА"
    assert normalize("  Тренажёры\tVR ") == "тренажеры vr"


def test_terms_keep_version_numbers_and_drop_punctuation():
    assert terms("Версия 2.4.1 — «сварка»!") == ["версия", "2.4.1", "сварка"]


def test_clean_query_bounds_length_and_strips_control_characters():
    assert clean_query("a\x00b\n  c") == "a b c"
    assert len(clean_query("x" * 500)) == 200
    assert "\x00" not in clean_query("a\x00b")


def test_light_stem_matches_russian_and_english_forms():
    assert light_stem("высота") == light_stem("высоте") == "высот"
    assert light_stem("welding") == "weld"
    assert light_stem("2.4.1") == "2.4.1"


def test_highlight_escapes_html_and_marks_folded_stems():
    html = highlight("<b>Работы</b> на высотё", ["высота"])
    assert "&lt;b&gt;" in html
    assert "<mark>высотё</mark>" in html


def test_stream_text_collects_nested_blocks():
    class Child:
        def __init__(self, value):
            self.value = value

    class Stream(list):
        raw_data = ()

    value = Stream([Child("<p>Первый <i>абзац</i></p>"), Child({"question": "Что?", "answer": "Ответ"})])
    assert stream_text(value) == "Первый абзац Что? Ответ"
