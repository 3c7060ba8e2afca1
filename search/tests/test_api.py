def test_search_api(client, search_content):
    response = client.get("/api/v1/search", {"q": "сварка", "locale": "ru"})
    assert response.status_code == 200
    data = response.json()
    assert data["results"][0]["title"] == "Ручная дуговая сварка"
    assert data["type_counts"]["trainer"] >= 1
    assert data["facets"]["industry"][0]["count"] >= 1
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
