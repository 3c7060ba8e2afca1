"""website 0004: a standard page translated through wagtail-localize's editor while its FAQ was still
the old bare list keeps its translations after 0003 and 0004.

The old state is made by wagtail-localize itself: the page body is read with the old FAQ definition
(a ListBlock, as website.blocks.FAQBlock was) while the source is extracted, translated and published,
so the stored copy, the segment paths and the English page are what an old database holds."""

import importlib
import json

import pytest
from django.apps import apps
from wagtail import blocks
from wagtail.models import Locale
from wagtail_localize.models import (
    SegmentOverride,
    String,
    StringSegment,
    StringTranslation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.models import Translation as LocalizeTranslation
from wagtail_localize.segments.extract import extract_segments

from core import cache
from core.blocks import FAQItemBlock
from website.blocks import BodyBlock
from website.models import StandardPage
from website.tests.test_faq_migration import _write_raw_body

pytestmark = pytest.mark.django_db

MIGRATIONS = (
    "website.migrations.0003_faq_list_to_struct",
    "website.migrations.0004_faq_list_to_struct_localize",
)
LINK_RU = "https://vt-pro.ru/lk/builds.html"
LINK_EN = "https://vt-pro.ru/en/lk/builds.html"
OLD_FAQ = {
    "type": "faq",
    "id": "faq-1",
    "value": [
        {
            "type": "item",
            "id": "q-1",
            "value": {
                "question": "Где скачать сборку?",
                "answer": f'<p>В <a href="{LINK_RU}">кабинете</a>.</p>',
            },
        },
        {"type": "item", "id": "q-2", "value": {"question": "Кто отвечает?", "answer": "<p>Инженер.</p>"}},
    ],
}
PARAGRAPH = {"type": "paragraph", "id": "p-1", "value": "<p>Абзац перед вопросами.</p>"}
# The English texts, by the path wagtail-localize gave them before the change (the title and the
# introduction stay untranslated: the source's text is used).
TRANSLATED = {
    "body.faq-1.q-1.question": "Where do I download the build?",
    "body.faq-1.q-1.answer": 'In your <a id="a1">account</a>.',
    "body.faq-1.q-2.question": "Who answers?",
    "body.faq-1.q-2.answer": "An engineer.",
    "body.p-1": "A paragraph before the questions.",
}


def _old_body_block():
    """The body as it was: the same blocks, with the FAQ a bare list of questions."""
    children = [(name, block) for name, block in BodyBlock().child_blocks.items() if name != "faq"]
    return blocks.StreamBlock([*children, ("faq", blocks.ListBlock(FAQItemBlock()))])


def _migrate():
    for name in MIGRATIONS:
        for operation in importlib.import_module(name).Migration.operations:
            operation.code(apps, None)


def _contexts(source):
    return {context.path: context for context in TranslationContext.objects.filter(object=source.object)}


def _translate_as_the_old_site(page, locale_en):
    """Sends the page for translation, translates it and publishes the English page, as the old code did."""
    # bootstrap_site made the English page a translation of the new-format page already; the old site
    # sent the old-format page, so its records start here.
    TranslationSource.objects.filter(object_id=page.translation_key).delete()
    source, _ = TranslationSource.get_or_create_from_instance(page)
    # wagtail-localize stamps the app's newest migration; the old site's newest was 0003.
    source.schema_version = "0003_faq_list_to_struct"
    source.save(update_fields=["schema_version"])
    translation = LocalizeTranslation.objects.create(source=source, target_locale=locale_en)
    contexts = _contexts(source)
    segments = StringSegment.objects.filter(source=source, context__path__in=TRANSLATED)
    assert segments.count() == len(TRANSLATED)
    for segment in segments.select_related("context", "string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale_en,
            context=segment.context,
            defaults={"data": TRANSLATED[segment.context.path]},
        )
    link_path = f"body.faq-1.q-1.answer.'{LINK_RU}'"
    SegmentOverride.objects.update_or_create(
        locale=locale_en, context=contexts[link_path], defaults={"data_json": json.dumps(LINK_EN)}
    )
    translation.save_target(publish=True)
    return source, translation


def _faq(page):
    (faq,) = [block for block in page.body if block.block_type == "faq"]
    return faq.value


def test_translations_made_on_the_old_faq_survive(
    client, site_shell, monkeypatch, django_capture_on_commit_callbacks
):
    locale_en = Locale.objects.get(language_code="en")
    page = StandardPage.objects.get(slug="about", locale__language_code="ru")
    _write_raw_body(page, [PARAGRAPH, OLD_FAQ])

    body_field = StandardPage._meta.get_field("body")
    with monkeypatch.context() as old_code, django_capture_on_commit_callbacks(execute=True):
        old_code.setitem(body_field.__dict__, "stream_block", _old_body_block())
        page = StandardPage.objects.get(pk=page.pk)
        source, translation = _translate_as_the_old_site(page, locale_en)
        # wagtail-localize's path of a list item's field inside a stream block: block id, item id, field.
        old_paths = set(_contexts(source))
        assert "body.faq-1.q-1.question" in old_paths
        assert _contexts(source)["body.faq-1.q-1.question"].field_path == "body.faq.item.question"
        stored_faq = json.loads(json.loads(source.content_json)["body"])[1]
        assert isinstance(stored_faq["value"], list)
        english = page.get_translation(locale_en).specific
        assert _faq(english)[0]["question"] == "Where do I download the build?"

    _migrate()

    source.refresh_from_db()
    stored_faq = json.loads(json.loads(source.content_json)["body"])[1]
    assert stored_faq["id"] == "faq-1"
    assert stored_faq["value"]["title"] == ""
    assert [item["id"] for item in stored_faq["value"]["items"]] == ["q-1", "q-2"]
    assert source.schema_version == "0004_faq_list_to_struct_localize"

    contexts = _contexts(source)
    question = contexts["body.faq-1.items.q-1.question"]
    assert question.field_path == "body.faq.items.item.question"
    assert question.path_id == TranslationContext._get_path_id(question.path)
    assert f"body.faq-1.items.q-1.answer.'{LINK_RU}'" in contexts
    assert "body.p-1" in contexts  # not an FAQ: unchanged
    assert not {path for path in contexts if path.startswith("body.faq-1.q-")}
    # The paths are the ones wagtail-localize extracts from the converted source now.
    assert {segment.path for segment in extract_segments(source.as_instance())} <= set(contexts)
    assert len(contexts) == len(old_paths)

    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    english = page.get_translation(locale_en).specific
    faq = _faq(english)
    assert [item["question"] for item in faq["items"]] == ["Where do I download the build?", "Who answers?"]
    assert faq["items"][0]["answer"].source == f'<p>In your <a href="{LINK_EN}">account</a>.</p>'

    cache.invalidate()
    cache.forget_local()
    html = client.get(english.url).content.decode()
    assert "<summary>Where do I download the build?</summary>" in html
    assert f'<a href="{LINK_EN}">account</a>' in html

    # A sync from the live page (converted by 0003) finds the same contexts, and their translations.
    source.update_from_db()
    assert set(_contexts(source)) == set(contexts)
    question_segment = StringSegment.objects.annotate_translation(locale_en).get(
        source=source, context__path="body.faq-1.items.q-1.question"
    )
    assert question_segment.translation == "Where do I download the build?"

    _migrate()  # running it again changes nothing
    assert set(_contexts(source)) == set(contexts)


def test_an_old_context_is_merged_into_a_new_one_already_there(site_shell):
    """A source synced after 0003 and before 0004 has both; the old one's translations are kept
    where the new one has none."""
    locale_en = Locale.objects.get(language_code="en")
    page = StandardPage.objects.get(slug="about", locale__language_code="ru")
    source, _ = TranslationSource.get_or_create_from_instance(page)
    string_a = String.objects.create(locale=page.locale, data="Вопрос А")
    string_b = String.objects.create(locale=page.locale, data="Вопрос Б")

    def context(path, field_path):
        return TranslationContext.objects.create(object=source.object, path=path, field_path=field_path)

    old = context("body.faq-1.q-1.question", "body.faq.item.question")
    new = context("body.faq-1.items.q-1.question", "body.faq.items.item.question")
    for string, target, data in (
        (string_a, old, "Old A"),
        (string_b, old, "Old B"),
        (string_a, new, "New A"),
    ):
        StringTranslation.objects.create(translation_of=string, locale=locale_en, context=target, data=data)

    _migrate()

    assert not TranslationContext.objects.filter(pk=old.pk).exists()
    kept = dict(StringTranslation.objects.filter(context=new).values_list("translation_of__data", "data"))
    assert kept == {"Вопрос А": "New A", "Вопрос Б": "Old B"}
