"""Request metrics: the figures operators read, for every request but the scraper's own."""

import pytest
from prometheus_client import REGISTRY

pytestmark = pytest.mark.django_db


def _sample(name, **labels):
    return REGISTRY.get_sample_value(name, labels) or 0


def _requests(view):
    return _sample(
        "django_http_requests_total_by_view_transport_method_total", view=view, transport="http", method="GET"
    )


def _responses(view, status="200"):
    return _sample(
        "django_http_responses_total_by_status_view_method_total", status=status, view=view, method="GET"
    )


def test_scrapes_pass_uncounted(client):
    before = _sample("django_http_requests_before_middlewares_total")
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 200
    assert _sample("django_http_requests_before_middlewares_total") == before
    assert _requests("prometheus-django-metrics") == 0


def test_other_requests_are_counted_by_view_status_and_latency(client):
    latency = "django_http_requests_latency_seconds_by_view_method_count"
    before = (
        _sample("django_http_requests_before_middlewares_total"),
        _requests("robots_txt"),
        _responses("robots_txt"),
        _sample(latency, view="robots_txt", method="GET"),
    )
    assert client.get("/robots.txt").status_code == 200
    after = (
        _sample("django_http_requests_before_middlewares_total"),
        _requests("robots_txt"),
        _responses("robots_txt"),
        _sample(latency, view="robots_txt", method="GET"),
    )
    assert after == tuple(value + 1 for value in before)


def test_figures_that_are_sums_of_others_are_not_kept(client):
    before = _sample("django_http_requests_total_by_method_total", method="GET")
    assert client.get("/robots.txt").status_code == 200
    assert _sample("django_http_requests_total_by_method_total", method="GET") == before
