import pytest
from django.utils.text import slugify
from wagtail.models import Locale

from catalogue.models import Industry, Platform
from search import relevance


@pytest.fixture
def taxonomy(search_content):
    """Taxonomy snippets named as the relevance trainers' facets (the fixture writes names only)."""
    ru, en = Locale.objects.get(language_code="ru"), Locale.objects.get(language_code="en")
    trainers = relevance.data()["trainers"]
    industries = {(t["industry"]["ru"], t["industry"]["en"]) for t in trainers}
    for number, (name_ru, name_en) in enumerate(sorted(industries)):
        source = Industry.objects.create(locale=ru, name=name_ru, slug=f"industry-{number}")
        translation = source.copy_for_translation(en)
        translation.name = name_en
        translation.save()
    for name in sorted({name for t in trainers for name in t["platform"]}):
        source = Platform.objects.create(locale=ru, name=name, slug=slugify(name))
        source.copy_for_translation(en).save()


def test_search_api(client, taxonomy):
    response = client.get("/api/v1/search", {"q": "сварка", "locale": "ru"})
    assert response.status_code == 200
    data = response.json()
    assert data["results"][0]["title"] == "Ручная дуговая сварка"
    assert data["type_counts"]["trainer"] >= 1
    assert data["facets"]["industry"][0]["count"] >= 1


def test_search_facets_are_keyed_by_slug_with_a_label_of_the_locale(client, taxonomy):
    data = client.get("/api/v1/search", {"q": "safety", "locale": "en"}, HTTP_ACCEPT_LANGUAGE="ru").json()
    industries = {option["name"]: option for option in data["facets"]["industry"]}
    labour = industries["Labour safety"]
    assert labour["slug"].startswith("industry-") and labour["selected"] is False
    platforms = {option["slug"]: option["name"] for option in data["facets"]["platform"]}
    assert platforms.get("webgl") == "WebGL"
    narrowed = client.get(
        "/api/v1/search", {"q": "safety", "locale": "en", "industry": labour["slug"]}
    ).json()
    assert narrowed["count"] == labour["count"]
    assert [o["selected"] for o in narrowed["facets"]["industry"] if o["slug"] == labour["slug"]] == [True]
    unknown = client.get("/api/v1/search", {"q": "safety", "locale": "en", "industry": "Labour safety"})
    assert unknown.status_code == 400 and "industry" in unknown.json()["error"]["fields"]
    assert data["backend"] == "database"


def test_search_api_type_and_page(client, search_content):
    data = client.get("/api/v1/search", {"q": "safety", "locale": "en", "type": "trainer", "page": 1}).json()
    assert data["results"]
    assert all(r["type"] == "trainer" for r in data["results"])


def test_search_api_rejects_bad_input_with_json_errors(client, search_content):
    for params in (
        {},
        {"q": "x", "locale": "de"},
        {"q": "x", "page": "0"},
        {"q": "x", "page": "101"},
        {"q": "x", "page": "²"},
        {"q": "x", "type": "bad"},
    ):
        response = client.get("/api/v1/search", params)
        assert response.status_code == 400, params
        assert "error" in response.json()


def test_search_api_paginates_like_every_list(client, search_content):
    data = client.get("/api/v1/search", {"q": "safety", "locale": "en"}).json()
    assert {"count", "page", "num_pages", "page_size", "next", "previous", "results"} <= data.keys()
    assert (data["page"], data["page_size"], data["previous"]) == (1, 10, None)
    past = client.get("/api/v1/search", {"q": "safety", "locale": "en", "page": data["num_pages"] + 1})
    assert past.status_code == 404 and past.json()["error"]["status"] == 404


def test_suggest_api(client, search_content):
    data = client.get("/api/v1/search/suggest", {"q": "эле", "locale": "ru"}).json()
    assert data["suggestions"][0]["title"].startswith("Электробезопасность")
    assert data["suggestions"][0]["url"].startswith("/ru/")


def test_schema_documents_search_endpoints(client, db):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/search" in schema["paths"]
    assert "/api/v1/search/suggest" in schema["paths"]


def test_without_a_locale_the_query_alphabet_decides(client, taxonomy):
    data = client.get("/api/v1/search", {"q": "first aid"}).json()
    assert data["locale"] == "en"
    assert data["results"][0]["title"] == "First aid"
    assert client.get("/api/v1/search", {"q": "сварка"}).json()["locale"] == "ru"


def test_the_accept_language_header_wins_and_the_other_language_is_counted(client, taxonomy):
    data = client.get("/api/v1/search", {"q": "first aid"}, HTTP_ACCEPT_LANGUAGE="ru").json()
    assert data["locale"] == "ru"
    assert data["other_languages"] == {"en": 1}
    assert client.get("/api/v1/search", {"q": "сварка", "locale": "ru"}).json()["other_languages"] == {}
