"""Editors: the trainer edit form with its tabs, taxonomy snippets, translation and unpublishing."""

from html.parser import HTMLParser

import pytest
from wagtail.models import Locale
from wagtail.users.models import UserProfile

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


class _FormFields(HTMLParser):
    """The fields a browser would send from the page editor's form, as it renders them."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(
                attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")
            )
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _editor_form(client, url):
    parser = _FormFields()
    parser.feed(client.get(url).content.decode())
    # The StreamField's blocks are drawn by JavaScript; an empty body sends only its count.
    return (
        {"body-count": ["0"]}
        | {name: values for name, values in parser.data.items() if not name.startswith("comment")}
        | {
            "comments-TOTAL_FORMS": ["0"],
            "comments-INITIAL_FORMS": ["0"],
            "comments-MIN_NUM_FORMS": ["0"],
            "comments-MAX_NUM_FORMS": ["1000"],
        }
    )


def _post(client, url, data):
    return client.post(url, {name: value for name, value in data.items() if value != []})


@pytest.mark.parametrize(
    ("language", "industry_error", "summary_error"),
    [
        ("ru", "Выберите хотя бы одну отрасль перед публикацией тренажёра.", "Сохраните черновик"),
        ("en", "Choose at least one industry before publishing the trainer.", "Save a draft"),
    ],
)
def test_an_incomplete_trainer_saves_as_draft_but_does_not_publish(
    editor_client, catalogue, django_user_model, language, industry_error, summary_error
):
    profile = UserProfile.get_for_user(django_user_model.objects.get(username="editor"))
    profile.preferred_language = language
    profile.save()
    parent = catalogue.catalogue["ru"]
    url = f"/admin/pages/add/catalogue/simulatorpage/{parent.pk}/"
    data = _editor_form(editor_client, url) | {
        "title": ["Сварка в защитных газах"],
        # Typed or pasted by hand (the slug field's script transliterates only what it fills in).
        "slug": ["сварка-в-защитных-газах"],
        "summary": ["Тренажёр сварщика."],
    }

    response = _post(editor_client, url, data | {"action-publish": ["action-publish"]})
    assert response.status_code == 200
    html = response.content.decode()
    assert industry_error in html
    assert summary_error in html
    assert not SimulatorPage.objects.filter(title="Сварка в защитных газах").exists()

    response = _post(editor_client, url, data)  # "Save draft"
    assert response.status_code == 302
    draft = SimulatorPage.objects.get(title="Сварка в защитных газах")
    assert not draft.live
    # The Cyrillic slug became ASCII.
    assert draft.slug == "svarka-v-zashchitnykh-gazakh"

    edit_url = f"/admin/pages/{draft.pk}/edit/"
    complete = _editor_form(editor_client, edit_url) | {
        "industries": [str(catalogue.taxonomy["industry"]["welding"]["ru"].pk)],
        "platforms": [str(catalogue.taxonomy["platform"]["windows"]["ru"].pk)],
        "hero_image": [str(catalogue.images["welding"].pk)],
        "action-publish": ["action-publish"],
    }
    response = _post(editor_client, edit_url, complete)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SimulatorPage.objects.get(pk=draft.pk).live


def test_a_cyrillic_slug_is_transliterated(catalogue):
    page = SimulatorPage(title="Подъёмник", slug="подъёмник-щит", summary="…")
    catalogue.catalogue["ru"].add_child(instance=page)
    assert page.slug == "podemnik-shchit"
    untitled = SimulatorPage(title="Ёмкость под давлением", summary="…")
    catalogue.catalogue["ru"].add_child(instance=untitled)
    assert untitled.slug == "emkost-pod-davleniem"


def _editor_form_for(page, user):
    form_class = type(page).get_edit_handler().get_form_class()
    return form_class(instance=page, for_user=user, parent_page=page.get_parent())


def test_choices_list_only_the_page_language(trainers, django_user_model):
    user = django_user_model.objects.create_superuser("chooser", "chooser@example.com", "pw")
    ru, en = trainers["weld-vr"]
    for page, locale in ((ru, ru.locale), (en, en.locale)):
        form = _editor_form_for(page, user)
        for name in ("industries", "professions", "platforms", "languages", "related_trainers"):
            offered = list(form.fields[name].queryset)
            assert offered, name
            assert {item.locale_id for item in offered} == {locale.pk}, name
        requirement = form.formsets["system_requirements"].empty_form
        assert {item.locale_id for item in requirement.fields["platform"].queryset} == {locale.pk}


def test_a_choice_already_made_in_another_language_stays_offered(trainers, django_user_model):
    user = django_user_model.objects.create_superuser("chooser", "chooser@example.com", "pw")
    ru, en = trainers["weld-vr"]
    russian_welding = ru.industries.get()
    en.industries.add(russian_welding)  # as a wagtail-localize copy may leave it
    en.save()
    offered = _editor_form_for(SimulatorPage.objects.get(pk=en.pk), user).fields["industries"].queryset
    assert russian_welding in offered
    assert {item.locale.language_code for item in offered} == {"en", "ru"}
    assert offered.filter(locale__language_code="ru").count() == 1


def _bulk_publish(client, pages, include_descendants=False):
    ids = "&".join(f"id={page.pk}" for page in pages)
    url = f"/admin/bulk/wagtailcore/page/publish/?{ids}&next=/admin/pages/"
    data = {"include_descendants": "on"} if include_descendants else {}
    return client.post(url, data, follow=True)


def _draft_without_hero_image(catalogue, title):
    page = SimulatorPage(title=title, slug="bulk-draft", summary="…", live=False)
    catalogue.catalogue["ru"].add_child(instance=page)
    page.industries.set([catalogue.taxonomy["industry"]["welding"]["ru"]])
    page.platforms.set([catalogue.taxonomy["platform"]["windows"]["ru"]])
    page.save_revision()
    return page


@pytest.mark.parametrize("via_parent", [False, True])
def test_bulk_publish_keeps_the_trainer_publish_rule(editor_client, trainers, catalogue, via_parent):
    """The listing's bulk "Publish" cannot put an incomplete trainer live, chosen or as a descendant,
    and publishes nothing else of that action; a complete trainer's draft still goes live."""
    draft = _draft_without_hero_image(catalogue, "Черновик без картинки")
    complete = trainers["weld-pc"][0]
    complete.title = "Новое название"
    complete.save_revision()
    chosen = [catalogue.catalogue["ru"]] if via_parent else [draft, complete]

    response = _bulk_publish(editor_client, chosen, include_descendants=via_parent)

    html = response.content.decode()
    assert "Ничего не опубликовано" in html
    assert "«Черновик без картинки»" in html
    assert not SimulatorPage.objects.get(pk=draft.pk).live
    assert SimulatorPage.objects.get(pk=complete.pk).title != "Новое название"

    draft.hero_image = catalogue.images["welding"]
    draft.save_revision()
    _bulk_publish(editor_client, [draft, complete])
    assert SimulatorPage.objects.get(pk=draft.pk).live
    assert SimulatorPage.objects.get(pk=complete.pk).title == "Новое название"
