"""With the real services: a component out of reach for N monitor rounds opens an incident that the
status page and the API show; back in reach, the next round moves it to "monitoring".

No shared service is stopped: the public site's probe is pointed at a closed port.
"""

import io

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from support.status.models import Incident

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

CLOSED = "http://127.0.0.1:9/"  # discard port: nothing listens there


@pytest.fixture
def monitored(settings, live_server, status):
    assert django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql"), "needs scripts/services env"
    assert settings.REDIS_URL and settings.ELASTICSEARCH_URL and settings.EMAIL_HOST
    settings.MONITOR_SITE_URL = f"{live_server.url}/robots.txt"
    settings.MONITOR_WEBGL_URL = f"{live_server.url}/robots.txt"
    settings.INCIDENT_OPEN_AFTER_FAILURES = 3
    return settings


def _round():
    out = io.StringIO()
    call_command("monitor", stdout=out)
    return out.getvalue()


def test_the_site_out_of_reach_for_three_rounds_opens_an_incident_and_recovers_to_monitoring(
    monitored, live_server, client
):
    assert "failing: none" in _round()
    monitored.MONITOR_SITE_URL = CLOSED
    for expected in (0, 0, 1):
        out = _round()
        assert "site" in out.split("failing:")[1], out
        assert Incident.objects.count() == expected
    incident = Incident.objects.get()
    assert incident.opened_by_monitor and incident.impact == "major" and incident.status == "investigating"
    _round()
    assert Incident.objects.count() == 1  # still failing: no second incident

    page = client.get("/en/status/").content.decode()
    assert "Open incidents" in page and "Outage: Website" in page and "3 failed checks in a row" in page
    assert "Major outage:" in page  # the site banner
    api = client.get("/api/v1/status/incidents", {"state": "open", "locale": "ru"}).json()
    assert [i["title"] for i in api["results"]] == ["Сбой: Сайт"]
    assert api["results"][0]["components"][0]["code"] == "site"

    monitored.MONITOR_SITE_URL = f"{live_server.url}/robots.txt"
    assert "failing: none" in _round()
    incident.refresh_from_db()
    assert incident.status == "monitoring" and incident.resolved_at is None
    detail = client.get(f"/api/v1/status/incidents/{incident.pk}", {"locale": "en"}).json()
    assert [u["status"] for u in detail["updates"]] == ["monitoring", "investigating"]
    assert "Monitoring" in client.get(f"/en/incidents/{incident.pk}/").content.decode()
