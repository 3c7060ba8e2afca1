"""``/api/v1/catalogue/simulators``, its OpenAPI description and the Wagtail API v2 fields."""

import pytest

pytestmark = pytest.mark.django_db
URL = "/api/v1/catalogue/simulators"


def test_filters_facets_and_locale(client, trainers):
    data = client.get(URL, {"industry": "welding", "platform": "quest-3", "locale": "en"}).json()
    assert data["count"] == 1
    trainer = data["results"][0]
    assert trainer["title"] == "weld-vr en"
    assert trainer["url"] == "/en/catalogue/weld-vr/"
    assert {"slug": "welding", "name": "Welding"} in trainer["industries"]
    assert trainer["hero_image"].endswith(".png")
    platform_counts = {o["slug"]: o["count"] for o in data["facets"]["platform"] if o["count"]}
    assert platform_counts == {"quest-3": 1, "windows": 2}


def test_pagination_and_sorting(client, trainers):
    data = client.get(URL, {"page_size": 3, "page": 2, "sort": "title"}).json()
    assert (data["count"], data["page"], data["num_pages"], data["page_size"]) == (4, 2, 2, 3)
    assert (
        data["next"] is None
        and data["previous"] == "http://testserver/api/v1/catalogue/simulators?page_size=3&sort=title"
    )
    assert [t["slug"] for t in data["results"]] == ["weld-vr"]


def test_a_page_past_the_last_is_a_json_404(client, trainers):
    response = client.get(URL, {"page": "99"})
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


@pytest.mark.parametrize(
    "params, field",
    [
        ({"industry": "nope"}, "industry"),
        ({"page": "abc"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "last"}, "page"),
        ({"page": str(2**64)}, "page"),
        ({"locale": "de"}, "locale"),
        ({"sort": "price"}, "sort"),
        ({"duration_min": "x"}, "duration_min"),
        ({"duration_min": "50", "duration_max": "10"}, "duration_max"),
        ({"page_size": "1000"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"platform": "<script>" * 200}, "platform"),
    ],
)
def test_invalid_parameters_are_400_json(client, trainers, params, field):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_openapi_schema_documents_the_endpoint(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/catalogue/simulators" in schema
    assert "duration_min" in schema and "SimulatorListing" in schema


def test_wagtail_api_v2_exposes_custom_fields(client, trainers):
    response = client.get(
        "/api/v2/pages/",
        {
            "type": "catalogue.SimulatorPage",
            "fields": "summary,duration_minutes,api_taxonomy,hero_image_card",
            "locale": "en",
            "slug": "weld-vr",
        },
    )
    item = response.json()["items"][0]
    assert item["duration_minutes"] == 40
    assert item["api_taxonomy"]["industry"] == [{"slug": "welding", "name": "Welding"}]
    assert item["hero_image_card"]["url"].endswith(".png")


@pytest.mark.parametrize(("locale", "accept", "label"), [("en", "ru", "Beginner"), ("ru", "en", "Начальный")])
def test_the_locale_parameter_alone_names_the_labels(client, trainers, locale, accept, label):
    response = client.get(URL, {"locale": locale}, HTTP_ACCEPT_LANGUAGE=accept)
    names = {option["slug"]: option["name"] for option in response.json()["facets"]["difficulty"]}
    assert names["beginner"] == label
    assert response["Content-Language"] == locale


def test_without_a_locale_parameter_the_request_language_stands(client, trainers):
    response = client.get(URL, {"locale": "de"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["error"]["message"] == "The request is not valid."


def test_an_answer_in_the_request_language_varies_by_it(client, trainers):
    # Without ``locale`` the labels follow Accept-Language: shared caches must key on it.
    assert "Accept-Language" in client.get(URL)["Vary"]
    assert "Accept-Language" not in client.get(URL, {"locale": "en"}).get("Vary", "")
