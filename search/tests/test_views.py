from search import service


def test_results_page_shows_tabs_facets_and_highlights(client, search_content):
    response = client.get("/ru/search/", {"q": "сварка"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ручная дуговая <mark>сварка</mark>" in html
    assert 'data-type="trainer"' in html
    assert 'data-facet="industry"' in html
    assert "search/suggest.js" in html


def test_type_tab_and_facet_links(client, search_content):
    response = client.get("/ru/search/", {"q": "тренажёр", "type": "trainer", "industry": "Машиностроение"})
    html = response.content.decode()
    assert 'aria-current="page" class="is-active"' in html
    assert "Управление мостовым краном" in html
    assert "Работы на высоте" not in html


def test_english_page(client, search_content):
    html = client.get("/en/search/", {"q": "welding"}).content.decode()
    assert "Manual arc <mark>welding</mark>" in html


def test_empty_and_no_result_states_offer_suggestions(client, search_content):
    empty = client.get("/ru/search/").content.decode()
    assert "search-suggested" in empty
    none = client.get("/ru/search/", {"q": "зззззззз"}).content.decode()
    assert "search-empty" in none
    assert "Охрана труда" in none


def test_bad_input_never_fails(client, search_content):
    for params in (
        {"q": "<script>alert(1)</script>"},
        {"q": "x" * 5000, "page": "abc"},
        {"q": "сварка", "page": "-5", "type": "nonsense"},
        {"q": "a b", "industry": "'; drop table"},
        {"q": "сварка", "page": "999999"},
    ):
        response = client.get("/ru/search/", params)
        assert response.status_code == 200
        assert "<script>alert" not in response.content.decode()
    # NUL can name nothing: refused before the search runs (website.middleware.RefuseNulMiddleware).
    assert client.get("/ru/search/", {"q": "a\x00b"}).status_code == 400


def test_elasticsearch_down_falls_back_to_database(client, search_content, settings, caplog):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.ELASTICSEARCH_TIMEOUT = 0.2
    service.clear_degraded()
    response = client.get("/ru/search/", {"q": "сварка"})
    assert response.status_code == 200
    assert "Ручная дуговая <mark>сварка</mark>" in response.content.decode()
    assert "Elasticsearch unavailable" in caplog.text
    from search.health import check_search

    assert check_search()[0] == "degraded"
    service.clear_degraded()


def test_a_query_in_the_other_alphabet_links_the_results_in_that_language(client, search_content):
    html = client.get("/ru/search/", {"q": "welding"}).content.decode()
    assert 'class="search-other-language"' in html
    assert 'href="/en/search/?q=welding" hreflang="en">Результаты на английском: 1<' in html


def test_an_ordinary_search_asks_no_other_language(client, search_content):
    html = client.get("/ru/search/", {"q": "сварка"}).content.decode()
    assert "search-other-language" not in html


def test_nothing_found_offers_the_closest_titles_and_the_catalogue(client, search_content):
    html = client.get("/ru/search/", {"q": "мастовй"}).content.decode()
    assert "ничего не найдено" in html
    assert "Возможно, вы искали" in html
    assert "Управление мостовым краном" in html
    assert "Открыть весь каталог" in html
