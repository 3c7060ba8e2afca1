"""Integration: how the outbox writes on PostgreSQL, where accepting a report spends its time."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from support.notifications.models import OutboxMessage
from support.notifications.outbox import delivered_together, enqueue_email, enqueue_sms

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_messages_written_together_take_one_values_insert_stamped_by_the_database(
    django_capture_on_commit_callbacks,
):
    assert connection.vendor == "postgresql"
    before = timezone.now()
    with (
        django_capture_on_commit_callbacks(execute=False),
        CaptureQueriesContext(connection) as queries,
        transaction.atomic(),
        delivered_together(),
    ):
        sms = enqueue_sms("+79161234567", "message", context={"body": "Привет"})
        email = enqueue_email("a@example.com", "message", context={"subject": "S", "body": "B"})

    inserts = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith('INSERT INTO "support_outboxmessage"')
    ]
    assert len(inserts) == 1
    # Django's UNNEST form of a bulk insert makes psycopg build array literals in Python, which cost
    # about a tenth of accepting a report; the database default keeps the plain VALUES form.
    assert "UNNEST" not in inserts[0]
    # The creation time comes back from the INSERT; both rows share the transaction's clock.
    assert sms.created_at == email.created_at
    assert before - timedelta(minutes=1) < sms.created_at < timezone.now() + timedelta(minutes=1)
    assert OutboxMessage.objects.get(pk=sms.pk).created_at == sms.created_at
