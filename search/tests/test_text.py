import pytest

from search.snippets import highlight
from search.text import clean_query, fold, normalize, stream_text, terms


def test_fold_and_normalize_treat_yo_as_ye():
    assert fold("Тренажёр ЁЛКА") == "Тренажер ЕЛКА"
    assert normalize("  Тренажёры\tVR ") == "тренажеры vr"


def test_terms_keep_version_numbers_and_drop_punctuation():
    assert terms("Версия 2.4.1 — «сварка»!") == ["версия", "2.4.1", "сварка"]


def test_clean_query_bounds_length_and_strips_control_characters():
    assert clean_query("a\x00b\n  c") == "a b c"
    assert len(clean_query("x" * 500)) == 200
    assert "\x00" not in clean_query("a\x00b")


@pytest.mark.django_db
def test_highlight_escapes_html_and_marks_folded_stems():
    html = highlight("<b>Работы</b> на высотё", ["высота"])
    assert "&lt;b&gt;" in html
    assert "<mark>высотё</mark>" in html


@pytest.mark.django_db
def test_highlight_marks_other_forms_and_family_members():
    html = highlight("Визуальный контроль сварных швов", ["сварка", "шов"])
    assert "<mark>сварных</mark>" in html
    assert "<mark>швов</mark>" in html
    assert "<mark>Визуальный</mark>" not in html


def test_stream_text_collects_nested_blocks():
    class Child:
        def __init__(self, value):
            self.value = value

    class Stream(list):
        raw_data = ()

    value = Stream([Child("<p>Первый <i>абзац</i></p>"), Child({"question": "Что?", "answer": "Ответ"})])
    assert stream_text(value) == "Первый абзац Что? Ответ"


def test_stream_text_reads_list_items_and_leaves_section_headings_out():
    from catalogue.blocks import SimulatorBodyBlock

    body = SimulatorBodyBlock().to_python(
        [
            {"type": "objectives", "value": {"title": "Цели обучения", "objectives": ["Найти дефекты шва"]}},
            {
                "type": "scenario",
                "value": {
                    "title": "Сценарий",
                    "steps": [{"title": "Подготовка", "text": "Выбор электрода."}],
                },
            },
        ]
    )
    assert stream_text(body) == "Найти дефекты шва Подготовка Выбор электрода."


@pytest.mark.django_db
def test_a_long_snippet_is_cut_between_words_around_the_match():
    text = "Вступление " * 40 + "про сварку стыковых швов " + "и заключение " * 40
    html = highlight(text, ["сварка"], max_chars=120)
    assert "<mark>сварку</mark>" in html
    assert html.startswith("…Вступление ")  # a whole word after the ellipsis, not "…ление"
    assert html.endswith("заключение…") or html.endswith(" и…")
    assert len(html.strip("…").replace("<mark>", "").replace("</mark>", "")) <= 120
