"""Integration: a report arrives, the engineer on duty is alerted through the real SMTP sink, nobody
acknowledges, the tick escalates to the secondary, who acknowledges over HTTP through the link."""

import http.cookiejar
import io
import re
import threading
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from support.helpdesk import oncall
from support.helpdesk.models import DutyShift, OnCallAlert
from support.notifications.models import OutboxMessage

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

URL = "/api/v1/support/fault-reports"


def _body(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def test_alert_escalation_and_acknowledgement_through_the_real_services(
    smtp_sink, client, live_server, settings
):
    settings.SUPPORT_ONCALL_ACK_MINUTES = 15
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    run = uuid.uuid4().hex[:8]
    people = {}
    now = timezone.now()
    for role in (DutyShift.Role.PRIMARY, DutyShift.Role.SECONDARY):
        name = f"{role}-{run}"
        people[role] = get_user_model().objects.create_user(name, f"{name}@example.com", "pw")
        DutyShift.objects.create(
            engineer=people[role], role=role, start=now - timedelta(hours=1), end=now + timedelta(hours=2)
        )
    primary, secondary = (people[role].email for role in (DutyShift.Role.PRIMARY, DutyShift.Role.SECONDARY))

    response = client.post(
        URL,
        {
            "full_name": "Интеграционный Тест",
            "uin": f"ONCALL-{run}",
            "phone": "+79160000001",
            "description": "Тренажёр зависает на загрузке сцены",
            "consent": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    reference = response.json()["reference"]

    [alert_mail] = smtp_sink(primary)
    assert reference in str(alert_mail["Subject"])
    assert not smtp_sink(secondary)

    # Nobody acknowledges; the tick after the acknowledge time hands the alert to the secondary.
    with time_machine.travel(now + timedelta(minutes=16), tick=False):
        call_command("oncall_tick", stdout=io.StringIO())
        call_command("oncall_tick", stdout=io.StringIO())  # a second tick sends nothing more
    [escalated] = smtp_sink(secondary)
    assert "[эскалация]" in str(escalated["Subject"]) and reference in str(escalated["Subject"])
    assert len(smtp_sink(primary)) == 1

    link = re.search(r"(http://\S+/on-call/\S+/)", _body(escalated)).group(1)
    assert link.startswith(live_server.url)
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    with opener.open(link, timeout=10) as page:
        html = page.read().decode()
    assert 'id="ack-form"' in html
    assert OnCallAlert.objects.get().acknowledged_at is None  # opening the link acknowledges nothing

    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf}).encode()
    request = urllib.request.Request(link, data=form, headers={"Referer": link})
    with opener.open(request, timeout=10) as page:
        assert page.status == 200 and 'id="ack-status"' in page.read().decode()

    alert = OnCallAlert.objects.get()
    assert alert.acknowledged_by == people[DutyShift.Role.SECONDARY] and alert.escalate_at is None


def test_two_ticks_at_once_escalate_each_alert_once(settings):
    """Two scheduler processes ticking in the same second (threads with their own connections here)."""
    settings.SUPPORT_ONCALL_ACK_MINUTES = 15
    now = timezone.now()
    run = uuid.uuid4().hex[:8]
    for role in (DutyShift.Role.PRIMARY, DutyShift.Role.SECONDARY):
        name = f"{role}-{run}"
        engineer = get_user_model().objects.create_user(name, f"{name}@example.com", "pw")
        DutyShift.objects.create(
            engineer=engineer, role=role, start=now - timedelta(hours=1), end=now + timedelta(hours=2)
        )
    for number in range(20):
        oncall.raise_alert(f"concurrency:{run}:{number}", kind=OnCallAlert.Kind.REPORT, title=str(number))
    barrier = threading.Barrier(2)

    def tick():
        barrier.wait()
        try:
            with time_machine.travel(now + timedelta(minutes=16), tick=False):
                return oncall.escalate_due()
        finally:
            connection.close()

    with ThreadPoolExecutor(2) as pool:
        moved = [future.result() for future in [pool.submit(tick), pool.submit(tick)]]

    assert sum(moved) == 20
    secondary = f"{DutyShift.Role.SECONDARY}-{run}@example.com"
    assert OutboxMessage.objects.filter(template="oncall_alert", recipient=secondary).count() == 20
