"""The listing's cache: one facet index per catalogue page and language, whatever the filters."""

import pytest

from core import cache as site_cache

pytestmark = pytest.mark.django_db

COMBINATIONS = [
    "?industry=welding",
    "?platform=windows&difficulty=advanced",
    "?industry=fire-safety&platform=quest-3&language=ru",
    "?industry=welding&industry=first-aid&duration_max=45&sort=newest",
]


def test_filter_combinations_add_no_cache_entries(client, trainers, monkeypatch):
    assert client.get("/ru/catalogue/").status_code == 200  # the facet index and the shell, cached
    stored = []
    keep = site_cache.shared.set
    monkeypatch.setattr(site_cache.shared, "set", lambda key, *args: stored.append(key) or keep(key, *args))
    for query in COMBINATIONS:
        assert client.get(f"/ru/catalogue/{query}").status_code == 200
    # Crawling every combination cannot grow the cache: the page cache is bounded on its own.
    assert stored == []


def test_a_first_visit_to_a_combination_costs_the_cards_only(
    client, trainers, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    client.get("/ru/catalogue/")
    for query in COMBINATIONS:
        # The cards of the page (with their renditions) and their taxonomy links.
        with django_assert_max_num_queries(4):
            response = client.get(f"/ru/catalogue/{query}")
        assert response.status_code == 200
    weld_pc = trainers["weld-pc"][0]
    with django_capture_on_commit_callbacks(execute=True):
        weld_pc.save_revision().publish()
    client.get("/ru/catalogue/")  # the index built again: the trainers, their taxonomy links
    with django_assert_max_num_queries(4):
        client.get(f"/ru/catalogue/{COMBINATIONS[-1]}")
