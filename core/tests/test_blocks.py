"""The shared blocks (``core.blocks``) and the FAQ's stream-data operation."""

import pytest
from django.utils.translation import override

from core.blocks import FAQBlock, FAQItemBlock, FAQListToStructOperation, ImageBlock, ParagraphBlock

QUESTION = {"question": "Как сообщить о неисправности?", "answer": "<p>Через <b>форму</b>.</p>"}


def test_faq_item_keeps_the_fields_support_relies_on():
    block = FAQItemBlock()
    assert list(block.child_blocks) == ["question", "answer"]
    assert block.child_blocks["question"].field.max_length == 300
    assert type(block.child_blocks["answer"]).__name__ == "RichTextBlock"


def test_faq_renders_title_and_expandable_items():
    block = FAQBlock()
    html = block.render(block.to_python({"title": "Вопросы и ответы", "items": [QUESTION]}))
    assert html.startswith('<section class="block-faq"><h2>Вопросы и ответы</h2>')
    item = "<details><summary>Как сообщить о неисправности?</summary><p>Через <b>форму</b>.</p></details>"
    assert item in html


def test_faq_without_title_renders_no_heading():
    block = FAQBlock()
    html = block.render(block.to_python({"title": "", "items": [QUESTION]}))
    assert "<h2>" not in html
    assert "<summary>Как сообщить о неисправности?</summary>" in html


def test_faq_title_default_is_chosen_by_the_body():
    assert not FAQBlock().get_default()["title"]
    with override("ru"):
        assert FAQBlock(default={"title": "Частые вопросы"}).get_default()["title"] == "Частые вопросы"


def test_paragraph_takes_the_features_and_renders_with_the_shared_class():
    block = ParagraphBlock(features=["bold", "link"])
    assert block.features == ["bold", "link"]
    html = block.render(block.to_python("<p>Текст</p>"))
    assert html.strip() == '<div class="block-paragraph"><p>Текст</p></div>'


@pytest.mark.parametrize("block_class", [ParagraphBlock, ImageBlock, FAQItemBlock, FAQBlock])
def test_blocks_carry_the_bakerydemo_meta(block_class):
    block = block_class()
    for option in ("icon", "template", "label", "description"):
        assert getattr(block.meta, option), f"{block_class.__name__} has no {option}"
    assert block.meta.template.startswith("core/blocks/")
    if block_class is not ImageBlock:  # the image previews a real image (get_preview_value)
        assert block.meta.preview_value


def test_blocks_are_labelled_in_russian():
    with override("ru"):
        assert str(FAQBlock().label) == "Частые вопросы"
        assert str(FAQItemBlock().label) == "Вопрос и ответ"
        assert str(FAQBlock().child_blocks["items"].label) == "Вопросы"
        assert str(ParagraphBlock().label) == "Абзац"
        assert str(ImageBlock().label) == "Изображение"


# The stream-data operation (raw JSON values, as stored) ------------------------------------------


def test_operation_wraps_a_list_and_keeps_item_ids():
    raw = [{"type": "item", "value": QUESTION, "id": "5d1c"}]
    assert FAQListToStructOperation(title="FAQ").apply(raw) == {"title": "FAQ", "items": raw}


def test_operation_reads_the_pre_2_16_list_format():
    (item,) = FAQListToStructOperation().apply([QUESTION])["items"]
    assert item["type"] == "item"
    assert item["value"] == QUESTION  # ListBlock gives it an id when read


def test_operation_reads_an_empty_list():
    assert FAQListToStructOperation().apply([]) == {"title": "", "items": []}


def test_operation_leaves_a_struct_alone():
    value = {"title": "Вопросы", "items": [{"type": "item", "value": QUESTION, "id": "1"}]}
    assert FAQListToStructOperation().apply(value) is value


def test_operated_value_is_a_valid_faq_value():
    block = FAQBlock()
    raw = [{"type": "item", "value": QUESTION, "id": "a"}]
    value = block.to_python(FAQListToStructOperation().apply(raw))
    block.clean(value)
    assert value["items"][0]["question"] == QUESTION["question"]
