"""Integration: what accepting a fault report through the API costs on PostgreSQL with the database
task queue, the set-up of the ``support`` bench case (goal: 200 reports/s on two workers)."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from support.helpdesk.models import DutyShift, FaultReport, TimelineEvent

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/api/v1/support/fault-reports"
PAYLOAD = {
    "full_name": "Нагрузочный Тест",
    "uin": "BENCH-0001",
    "phone": "+79160000000",
    "email": "bench@example.com",
    "description": "Проверка производительности приёма обращений",
    "consent": True,
    "environment": {"os": "Linux", "webgl2": True},
}


def test_a_report_is_one_statement_per_table_and_reads_nothing(client, settings, django_user_model):
    assert connection.vendor == "postgresql"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    engineer = django_user_model.objects.create_user("on-duty", "duty@example.com", "pw")
    now = timezone.now()
    DutyShift.objects.create(engineer=engineer, start=now - timedelta(hours=1), end=now + timedelta(hours=1))
    # The first report fills the caches every later one reads: roster, maintenance windows, site.
    assert client.post(URL, PAYLOAD, content_type="application/json").status_code == 201

    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL, PAYLOAD, content_type="application/json")

    assert response.status_code == 201, response.content
    statements = [
        re.match(r'(\w+) (?:INTO )?"(\w+)"', query["sql"]).groups()
        for query in queries.captured_queries
        if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
    assert statements == [
        ("UPDATE", "support_referencecounter"),
        ("INSERT", "support_faultreport"),
        ("INSERT", "support_timelineevent"),  # "created" and "assigned" together
        ("INSERT", "support_outboxmessage"),  # the SMS and the e-mail together
        ("INSERT", "django_tasks_database_dbtaskresult"),  # delivery, then triage (customer, alert)
    ]
    report = FaultReport.objects.get(reference=response.json()["reference"])
    assert report.assignee == engineer
    assert list(report.events.order_by("pk").values_list("kind", flat=True)) == [
        TimelineEvent.Kind.CREATED,
        TimelineEvent.Kind.ASSIGNED,
    ]
