"""Setting or removing a view restriction (or moving under a restricted parent) takes the pages out
of every search entry point at once, on the database backend."""

from django.test import Client
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from catalogue.models import CatalogueIndexPage
from core.cache import store
from search.models import SearchDocument
from search.tests.conftest import found_in

EVERYWHERE = {"api", "suggest", "page"}
# Words of the arc-welding trainer's summary only, shown in its snippet.
SUMMARY_QUERY = "пластин"
PROTECTED_TEXT = "контроль шва"


def restrict(page, django_capture_on_commit_callbacks, **fields):
    with django_capture_on_commit_callbacks(execute=True):
        return PageViewRestriction.objects.create(page=page, **fields)


def lift(restriction, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()


def snippets(client, q):
    api = client.get("/api/v1/search", {"q": q, "locale": "ru"}).json()
    return " ".join(hit["snippet_html"] for hit in api["results"])


def test_password_restriction_hides_the_page_and_its_text_until_lifted(
    client, search_content, django_capture_on_commit_callbacks
):
    page = search_content["arc-welding"]["ru"]
    assert found_in(client, page, "дуговая сварка") == (EVERYWHERE, "database")
    assert PROTECTED_TEXT in snippets(client, SUMMARY_QUERY)
    assert PROTECTED_TEXT in client.get("/ru/search/", {"q": SUMMARY_QUERY}).content.decode()

    restriction = restrict(
        page,
        django_capture_on_commit_callbacks,
        restriction_type=PageViewRestriction.PASSWORD,
        password="секрет",
    )
    assert not SearchDocument.objects.filter(page_id=page.pk).exists()
    assert found_in(client, page, "дуговая сварка") == (set(), "database")
    assert PROTECTED_TEXT not in snippets(client, SUMMARY_QUERY)
    assert PROTECTED_TEXT not in client.get("/ru/search/", {"q": SUMMARY_QUERY}).content.decode()
    # The typo correction's vocabulary is built from the documents: it must not know the title either.
    assert client.get("/api/v1/search", {"q": "дугавая", "locale": "ru"}).json()["corrected"] is None

    lift(restriction, django_capture_on_commit_callbacks)
    assert found_in(client, page, "дуговая сварка") == (EVERYWHERE, "database")
    assert PROTECTED_TEXT in snippets(client, SUMMARY_QUERY)


def test_login_restriction_on_a_parent_hides_its_section_only(
    client, search_content, django_capture_on_commit_callbacks
):
    crane, crane_en = search_content["crane"]["ru"], search_content["crane"]["en"]
    catalogue = crane.get_parent()
    restriction = restrict(
        catalogue, django_capture_on_commit_callbacks, restriction_type=PageViewRestriction.LOGIN
    )
    assert found_in(client, crane, "мостовым краном") == (set(), "database")
    assert not SearchDocument.objects.filter(locale="ru", type="trainer").exists()
    # The English catalogue is another tree: the restriction does not cover it.
    assert found_in(client, crane_en, "overhead crane") == (EVERYWHERE, "database")

    lift(restriction, django_capture_on_commit_callbacks)
    assert found_in(client, crane, "мостовым краном") == (EVERYWHERE, "database")


def test_moving_under_a_restricted_parent_and_back(
    client, search_content, django_capture_on_commit_callbacks
):
    page = search_content["arc-welding"]["ru"]
    catalogue = page.get_parent()
    private = CatalogueIndexPage(title="Закрытый каталог", slug="private")
    with django_capture_on_commit_callbacks(execute=True):
        catalogue.get_parent().add_child(instance=private)
        private.save_revision().publish()
    restrict(private, django_capture_on_commit_callbacks, restriction_type=PageViewRestriction.LOGIN)

    with django_capture_on_commit_callbacks(execute=True):
        page.move(private, pos="last-child")
    assert found_in(client, page, "дуговая сварка") == (set(), "database")

    with django_capture_on_commit_callbacks(execute=True):
        page.refresh_from_db()
        page.move(catalogue, pos="last-child")
    assert found_in(client, page, "дуговая сварка") == (EVERYWHERE, "database")


def test_an_editors_pick_is_not_shown_once_restricted(
    client, search_content, django_capture_on_commit_callbacks
):
    page = search_content["crane"]["ru"]
    SearchPromotion.objects.create(
        query=Query.get("сварка"), page=page, sort_order=0, description="Рекомендуем."
    )
    promoted = client.get("/api/v1/search", {"q": "сварка", "locale": "ru"}).json()["promoted"]
    assert [hit["title"] for hit in promoted] == ["Управление мостовым краном"]

    restriction = restrict(
        page.get_parent(), django_capture_on_commit_callbacks, restriction_type=PageViewRestriction.LOGIN
    )
    data = client.get("/api/v1/search", {"q": "сварка", "locale": "ru"}).json()
    assert data["promoted"] == []
    assert "Управление мостовым краном" not in client.get("/ru/search/", {"q": "сварка"}).content.decode()

    lift(restriction, django_capture_on_commit_callbacks)
    promoted = client.get("/api/v1/search", {"q": "сварка", "locale": "ru"}).json()["promoted"]
    assert [hit["title"] for hit in promoted] == ["Управление мостовым краном"]


def test_indexing_does_not_trust_a_cached_no_restriction_answer(
    client, search_content, django_capture_on_commit_callbacks
):
    page = search_content["arc-welding"]["ru"]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        # Another process read the restrictions before this transaction committed and cached "none"
        # under the generation the save started (the catalogue pages' get_view_restrictions reads it).
        store("catalogue:restricted-paths", [], 600)
    assert not SearchDocument.objects.filter(page_id=page.pk).exists()


def test_the_admin_privacy_form_updates_the_index(
    client, search_content, django_user_model, django_capture_on_commit_callbacks
):
    editor = Client()
    editor.force_login(django_user_model.objects.create_superuser("editor", "editor@example.com", "pw"))
    page = search_content["arc-welding"]["ru"]
    url = f"/admin/pages/{page.pk}/privacy/"
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url, {"restriction_type": "password", "password": "секрет"})
    assert response.status_code == 200
    assert found_in(client, page, "дуговая сварка") == (set(), "database")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url, {"restriction_type": "none"})
    assert response.status_code == 200
    assert found_in(client, page, "дуговая сварка") == (EVERYWHERE, "database")
