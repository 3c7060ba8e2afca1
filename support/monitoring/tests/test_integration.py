"""A round of probes against the real services: all green, then a service out of reach fails its component.

No shared service is stopped: a component is made unreachable by pointing its setting at a closed port.
"""

import io

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from support.monitoring import probes
from support.monitoring.models import Rollup, Sample

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

CLOSED = "http://127.0.0.1:9"  # discard port: nothing listens there


@pytest.fixture
def reachable(settings, live_server):
    """The services of the test stack, and the live test server as the public site and WebGL host."""
    assert django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql"), "needs scripts/services env"
    assert settings.REDIS_URL and settings.ELASTICSEARCH_URL and settings.AWS_STORAGE_BUCKET_NAME
    assert settings.EMAIL_HOST, "needs the SMTP sink"
    settings.MONITOR_SITE_URL = f"{live_server.url}/robots.txt"
    settings.MONITOR_WEBGL_URL = f"{live_server.url}/robots.txt"
    return settings


def _round():
    out = io.StringIO()
    call_command("monitor", stdout=out)
    return dict(Sample.objects.values_list("component__code", "status")), out


def test_a_round_against_the_real_services_is_all_green(reachable):
    results, out = _round()

    expected = {"database", "cache", "storage", "search", "tasks", "outbox", "smtp", "site", "webgl"}
    assert set(results) == expected
    assert results == dict.fromkeys(expected, "ok"), out.getvalue()
    assert Rollup.objects.filter(period="day").count() == len(expected)
    assert "failing: none" in out.getvalue()


def test_smtp_on_a_closed_port_fails_that_component_only(reachable):
    reachable.EMAIL_PORT = 9

    results, out = _round()

    assert results["smtp"] == "down"
    assert {code for code, status in results.items() if status != "ok"} == {"smtp"}, out.getvalue()
    detail = Sample.objects.get(component__code="smtp").detail
    assert "ConnectionRefusedError" in detail


def test_object_storage_on_a_wrong_port_fails_the_storage_probe(reachable):
    stores = {alias: dict(config) for alias, config in django_settings.STORAGES.items()}
    for alias in ("default", "private"):
        stores[alias]["OPTIONS"] = {**stores[alias]["OPTIONS"], "endpoint_url": CLOSED}
    reachable.STORAGES = stores

    [result] = probes.run_round({"storage": probes.probe_storage}, timeout=2, deadline=15)

    assert result.status == "down"
    assert "Could not connect" in result.detail or "Connect" in result.detail, result.detail


def test_the_public_site_out_of_reach_is_down(reachable):
    reachable.MONITOR_SITE_URL = f"{CLOSED}/"

    results, _out = _round()

    assert results["site"] == "down"
