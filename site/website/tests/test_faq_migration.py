"""website 0003: a home or standard page body whose FAQ is still the old bare list of questions
(live row and revisions, written raw as the database holds them) reads and renders after it."""

import importlib
import json

import pytest
from django.apps import apps
from django.db import connection

from core import cache
from website.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

MIGRATION = "website.migrations.0003_faq_list_to_struct"
OLD_FAQ = {
    "type": "faq",
    "id": "faq-1",
    "value": [
        # The list format since Wagtail 2.16, and the plain one before it.
        {
            "type": "item",
            "id": "q-1",
            "value": {"question": "Где скачать сборку?", "answer": "<p>В кабинете.</p>"},
        },
        {"question": "Кто отвечает на заявки?", "answer": "<p>Дежурный инженер.</p>"},
    ],
}
PARAGRAPH = {"type": "paragraph", "id": "p-1", "value": "<p>Абзац перед вопросами.</p>"}


def _write_raw_body(page, stream):
    table = connection.ops.quote_name(type(page)._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET body = %s WHERE page_ptr_id = %s", [json.dumps(stream), page.pk])  # noqa: S608


def _write_raw_revision(revision, stream):
    content = dict(revision.content, body=json.dumps(stream))
    type(revision).objects.filter(pk=revision.pk).update(content=content)


def _migrate():
    for operation in importlib.import_module(MIGRATION).Migration.operations:
        operation.code(apps, None)


def _assert_new_shape(body):
    paragraph, faq = body
    assert paragraph.block_type == "paragraph"
    assert faq.block_type == "faq"
    assert not faq.value["title"]
    questions = [item["question"] for item in faq.value["items"]]
    assert questions == ["Где скачать сборку?", "Кто отвечает на заявки?"]
    assert faq.value["items"][0]["answer"].source == "<p>В кабинете.</p>"


def test_migration_converts_every_body_holding_the_website_faq():
    module = importlib.import_module(MIGRATION)
    converted = {(op.model_name, op.field_name) for op in module.Migration.operations}
    holders = {
        (model.__name__, field.name)
        for model in apps.get_app_config("website").get_models()
        for field in model._meta.get_fields()
        if getattr(field, "stream_block", None) is not None and "faq" in field.stream_block.child_blocks
    }
    assert holders == {("HomePage", "body"), ("StandardPage", "body")}
    assert converted == holders
    assert all(op.revisions_from is None for op in module.Migration.operations)  # every revision


def test_old_faq_in_a_standard_page_and_its_revisions_survives_and_renders(client, site_shell):
    page = StandardPage.objects.get(slug="about", locale__language_code="ru")
    revision = page.save_revision()
    page.publish(revision)
    stream = [PARAGRAPH, OLD_FAQ]
    _write_raw_body(page, stream)
    _write_raw_revision(revision, stream)

    _migrate()

    page.refresh_from_db()
    _assert_new_shape(page.body)
    revision.refresh_from_db()
    _assert_new_shape(revision.as_object().body)
    assert json.loads(revision.content["body"])[1]["value"]["items"][0]["id"] == "q-1"

    cache.invalidate()
    cache.forget_local()
    html = client.get(page.url).content.decode()
    assert "<p>Абзац перед вопросами.</p>" in html
    first = '<section class="block-faq"><details><summary>Где скачать сборку?</summary><p>В кабинете.</p>'
    assert first in html
    assert "<summary>Кто отвечает на заявки?</summary><p>Дежурный инженер.</p></details></section>" in html

    _migrate()  # running it again changes nothing
    page.refresh_from_db()
    _assert_new_shape(page.body)


def test_old_faq_in_the_home_page_survives(site_shell):
    home = HomePage.objects.get(locale__language_code="ru")
    _write_raw_body(home, [PARAGRAPH, OLD_FAQ])

    _migrate()

    home.refresh_from_db()
    _assert_new_shape(home.body)
