import json

import pytest
from django.core.cache import cache
from django.db import connection


@pytest.mark.django_db
def test_readyz_reports_every_component(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["components"]) >= {"database", "cache", "storage", "search", "tasks"}
    assert all(c["status"] == "ok" for c in body["components"].values())


@pytest.mark.django_db
def test_readyz_names_a_required_component_that_is_down(client, monkeypatch):
    def broken_get(*args, **kwargs):
        raise ConnectionError("cache server refused the connection")

    monkeypatch.setattr(cache, "get", broken_get)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["failing"] == ["cache"]
    assert body["components"]["cache"]["status"] == "down"
    assert "refused" in body["components"]["cache"]["detail"]
    assert body["components"]["database"]["status"] == "ok"


@pytest.mark.django_db
def test_readyz_search_down_is_degraded_not_failing(client, settings):
    # Nothing listens on port 9: the search check must report, not raise.
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["components"]["search"]["status"] == "degraded"
    assert connection.vendor == "sqlite" or body["components"]["database"]["status"] == "ok"
