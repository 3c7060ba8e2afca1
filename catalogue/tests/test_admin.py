"""Editors: the trainer edit form with its tabs, taxonomy snippets, translation and unpublishing."""

import pytest
from wagtail.models import Locale

from catalogue.models import Industry, SimulatorPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


def test_trainer_edit_and_create_forms_render_with_russian_tabs(editor_client, trainers):
    page = trainers["weld-vr"][0]
    response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("О тренажёре", "SEO и публикация в соцсетях", "Системные требования", "Длительность, минут"):
        assert text in html or text.lower() in html.lower()
    parent = page.get_parent()
    response = editor_client.get(f"/admin/pages/add/catalogue/simulatorpage/{parent.pk}/")
    assert response.status_code == 200


def test_taxonomy_snippet_listing_renders(editor_client, trainers):
    response = editor_client.get("/admin/snippets/catalogue/industry/")
    assert response.status_code == 200
    assert "welding" in response.content.decode()


def test_copy_for_translation_appears_in_english_catalogue(client, catalogue):
    from catalogue.tests.conftest import make_trainer

    page_ru, page_en = make_trainer(catalogue, "crane", "lifting", ["windows"])
    page_en.delete()
    translation = SimulatorPage.objects.get(pk=page_ru.pk).copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=False
    )
    translation.save_revision().publish()
    # The copy still links the Russian terms; the English catalogue finds it and shows English names.
    assert translation.industries.get().locale.language_code == "ru"
    response = client.get("/en/catalogue/?industry=lifting")
    assert [t.slug for t in response.context["listing"].results] == ["crane"]
    assert "Lifting equipment" in client.get("/en/catalogue/crane/").content.decode()


def test_snippet_slug_is_unique_per_locale(catalogue):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Industry.objects.create(
            name="Duplicate", slug="welding", locale=Locale.objects.get(language_code="ru")
        )
