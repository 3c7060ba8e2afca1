"""Request metrics: every request is counted but liveness probes and scrapes."""

import pytest
from prometheus_client import REGISTRY

pytestmark = pytest.mark.django_db


def _counted(view=None):
    if view is None:
        return REGISTRY.get_sample_value("django_http_requests_total_by_method_total", {"method": "GET"}) or 0
    labels = {"view": view, "transport": "http", "method": "GET"}
    return REGISTRY.get_sample_value("django_http_requests_total_by_view_transport_method_total", labels) or 0


def test_probes_and_scrapes_pass_uncounted(client):
    before = _counted()
    assert client.get("/healthz").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 200
    assert _counted() == before
    assert _counted("healthz") == 0


def test_other_requests_are_counted_with_their_view(client):
    before, before_view = _counted(), _counted("readyz")
    client.get("/readyz")
    assert _counted() == before + 1
    assert _counted("readyz") == before_view + 1
