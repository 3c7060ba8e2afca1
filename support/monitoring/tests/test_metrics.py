"""``/metrics``: for the allowed addresses or the token only; request, database, probe and outbox figures."""

import pytest
from django.utils import timezone

from support.monitoring.models import Component, Sample
from support.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def probed(db):
    storage = Component.objects.create(code="storage")
    Sample.objects.create(
        component=storage, probed_at=timezone.now(), status="down", ms=5000, detail="refused"
    )
    OutboxMessage.objects.create(channel="email", recipient="a@example.com", template="t", body="b")


def test_loopback_reads_request_database_probe_and_outbox_figures(client, probed):
    client.get("/robots.txt")
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert (
        'django_http_responses_total_by_status_view_method_total{method="GET",status="200",view="robots_txt"}'
        in text
    )
    assert "django_db_execute_total" in text
    assert 'vt_probe_up{component="storage"} 0.0' in text
    assert 'vt_probe_duration_seconds{component="storage"} 5.0' in text
    assert "vt_outbox_pending 1.0" in text
    assert "vt_task_queue_lag_seconds 0.0" in text


def test_other_addresses_are_not_told_it_exists(client, settings):
    settings.METRICS_ALLOWED_ADDRESSES = ["127.0.0.1", "10.1.0.0/16"]
    assert client.get("/metrics", REMOTE_ADDR="10.2.0.5").status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="10.1.3.4").status_code == 200


def test_a_request_forwarded_by_an_uncounted_proxy_is_not_local(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 404


def test_a_scraper_elsewhere_presents_the_token(client, settings):
    settings.METRICS_TOKEN = "s3cret-scrape-token"
    outside = {"REMOTE_ADDR": "203.0.113.9"}
    assert (
        client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-scrape-token", **outside).status_code == 200
    )
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong", **outside).status_code == 403
    assert client.get("/metrics", **outside).status_code == 404


def test_no_token_configured_refuses_any_bearer(client, settings):
    settings.METRICS_TOKEN = ""
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer ", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 403


def test_a_section_that_cannot_be_read_is_flagged_and_the_rest_still_answers(client, probed, monkeypatch):
    from support.monitoring.metrics import PlatformCollector

    def broken(self):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(PlatformCollector, "_cache", broken)
    text = client.get("/metrics", REMOTE_ADDR="127.0.0.1").content.decode()

    assert 'vt_scrape_section_failed{section="cache"} 1.0' in text
    assert 'vt_scrape_section_failed{section="probes"} 0.0' in text
    assert "django_http_requests_before_middlewares_total" in text
