"""Integration across the support apps, with the real services: an outage runs its whole course.

The monitor finds the public site out of reach (its probe pointed at a closed port: no shared service is
stopped) for N rounds and opens an incident; the engineer on duty is alerted through the real SMTP sink;
a fault report filed meanwhile is linked to the incident and pages nobody again; nobody acknowledges, so
the tick escalates to the secondary, who acknowledges over HTTP; the site comes back and the incident
moves to "monitoring"; staff resolve it together with the linked report, whose reporter is told in their
language. The status page and the API show each state.
"""

import http.cookiejar
import io
import re
import urllib.parse
import urllib.request
import uuid
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from support.helpdesk.models import DutyShift, FaultReport, OnCallAlert
from support.status import incidents
from support.status.models import Incident

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

CLOSED = "http://127.0.0.1:9/"  # the discard port: nothing listens there


def _round():
    out = io.StringIO()
    call_command("monitor", stdout=out)
    return out.getvalue()


def _body(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def _acknowledge(link):
    """Open the alert's link like a person: GET shows the button, POST (with CSRF) acknowledges."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    with opener.open(link, timeout=10) as page:
        html = page.read().decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf}).encode()
    with opener.open(urllib.request.Request(link, data=form, headers={"Referer": link}), timeout=10) as page:
        return page.status


def test_an_outage_from_the_first_failed_probe_to_the_resolved_reports(
    status, smtp_sink, settings, live_server, client
):
    settings.MONITOR_SITE_URL = f"{live_server.url}/robots.txt"
    settings.MONITOR_WEBGL_URL = f"{live_server.url}/robots.txt"
    settings.INCIDENT_OPEN_AFTER_FAILURES = 3
    settings.SUPPORT_ONCALL_ACK_MINUTES = 15
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    settings.SUPPORT_RATE_PER_IP = settings.SUPPORT_RATE_PER_PHONE = "1000/m"
    run = uuid.uuid4().hex[:8]
    now = timezone.now()
    people = {}
    for role in (DutyShift.Role.PRIMARY, DutyShift.Role.SECONDARY):
        name = f"{role}-{run}"
        people[role] = get_user_model().objects.create_user(name, f"{name}@example.com", "pw")
        DutyShift.objects.create(
            engineer=people[role], role=role, start=now - timedelta(hours=1), end=now + timedelta(hours=2)
        )
    primary, secondary = (people[role].email for role in (DutyShift.Role.PRIMARY, DutyShift.Role.SECONDARY))

    # The site out of reach: no incident before the third failed round, one after it.
    assert "failing: none" in _round()
    settings.MONITOR_SITE_URL = CLOSED
    for expected in (0, 0, 1):
        _round()
        assert Incident.objects.count() == expected
    incident = Incident.objects.get()
    assert incident.impact == "major" and incident.status == "investigating"

    # The engineer on duty is alerted once, by e-mail through the real SMTP server.
    [alert_mail] = smtp_sink(primary)
    assert "/on-call/" in _body(alert_mail)
    assert not smtp_sink(secondary)

    # A report filed during the outage is linked to the incident and pages nobody again.
    reporter = f"reporter-{run}@example.com"
    response = client.post(
        "/api/v1/support/fault-reports",
        {
            "full_name": "Integration Test",
            "uin": f"OUTAGE-{run}",
            "phone": "+79160000002",
            "email": reporter,
            "description": "The trainer does not open at all",
            "consent": True,
            "language": "en",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    report = FaultReport.objects.get(reference=response.json()["reference"])
    assert report.incident_id == incident.pk
    assert any(hint["code"] == "incident" for hint in report.hints)
    assert len(smtp_sink(primary)) == 1

    # Still failing: no second incident. Nobody acknowledges: the tick hands the alert to the secondary.
    _round()
    assert Incident.objects.count() == 1
    with time_machine.travel(timezone.now() + timedelta(minutes=16), tick=False):
        call_command("oncall_tick", stdout=io.StringIO())
    [escalated] = smtp_sink(secondary)
    link = re.search(r"(http://\S+/on-call/\S+/)", _body(escalated)).group(1)
    assert _acknowledge(link) == 200
    alert = OnCallAlert.objects.get(incident_id=incident.pk)
    assert alert.acknowledged_by == people[DutyShift.Role.SECONDARY]

    page = client.get("/en/status/").content.decode()
    assert "Open incidents" in page and "Major outage:" in page
    api = client.get("/api/v1/status/incidents", {"state": "open", "locale": "en"}).json()
    assert [item["id"] for item in api["results"]] == [incident.pk]

    # The site is back: "monitoring"; staff confirm the resolution and resolve the linked report with it.
    settings.MONITOR_SITE_URL = f"{live_server.url}/robots.txt"
    assert "failing: none" in _round()
    incident.refresh_from_db()
    assert incident.status == "monitoring" and incident.resolved_at is None
    incidents.post_update(
        incident,
        "resolved",
        "Сайт снова доступен.",
        "The site is available again.",
        resolve_reports=True,
    )
    incident.refresh_from_db()
    report.refresh_from_db()
    assert incident.status == "resolved" and incident.resolved_at is not None
    assert report.status == "resolved"
    told = [_body(mail) for mail in smtp_sink(reporter)]
    assert any("The site is available again." in body for body in told), told
    assert not client.get("/api/v1/status/incidents", {"state": "open"}).json()["results"]
