import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from support.notifications.models import OutboxMessage
from support.notifications.outbox import (
    backoff,
    deliver_due,
    deliver_message,
    delivered_together,
    enqueue_email,
    enqueue_sms,
)
from support.notifications.phones import normalize_phone
from support.notifications.sms import HttpSmsGateway, SmsError

pytestmark = pytest.mark.django_db


def test_phone_normalisation():
    assert normalize_phone("8 (916) 123-45-67") == "+79161234567"
    assert normalize_phone("+7 916 123 45 67") == "+79161234567"
    for bad in ["", "12", "abc", "+7 000", "9" * 40]:
        with pytest.raises(ValueError):
            normalize_phone(bad)


def test_enqueue_renders_in_row_language_and_delivers_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        message = enqueue_email(
            "a@example.com", "message", language="en", context={"subject": "Hi & bye", "body": "Text"}
        )
        assert message.status == "pending"
        assert len(mail.outbox) == 0
    assert len(callbacks) == 1
    message.refresh_from_db()
    assert message.status == "sent" and message.attempts == 1 and message.sent_at
    assert mail.outbox[0].subject == "Hi & bye"
    assert mail.outbox[0].to == ["a@example.com"]


def test_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        enqueue_sms("+79161234567", "message", context={"body": "x"})
        raise RuntimeError
    assert callbacks == []
    assert OutboxMessage.objects.count() == 0


def test_sms_goes_to_console_gateway_in_e164(django_capture_on_commit_callbacks, sms_sent):
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_sms("8 916 123-45-67", "message", language="ru", context={"body": "Привет"})
    assert sms_sent() == [
        {"to": "+79161234567", "sender": "VTPlatform", "text": "Привет", "at": sms_sent()[0]["at"]}
    ]


def test_dedup_key_queues_once():
    first = enqueue_email(
        "a@example.com", "message", context={"subject": "s", "body": "b"}, dedup_key="n:1:r:1"
    )
    second = enqueue_email(
        "a@example.com", "message", context={"subject": "s", "body": "b"}, dedup_key="n:1:r:1"
    )
    assert first is not None and second is None
    assert OutboxMessage.objects.count() == 1


def test_bad_recipients_refused():
    with pytest.raises(ValueError):
        enqueue_sms("not a phone", "message", context={"body": "b"})
    with pytest.raises(ValueError):
        enqueue_email("", "message", context={"body": "b"})


def test_failure_backs_off_then_fails_after_max_attempts(settings, monkeypatch):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    message = enqueue_sms("+79161234567", "message", context={"body": "b"})

    def boom(self, phone, text):
        raise SmsError("gateway down")

    monkeypatch.setattr("support.notifications.sms.ConsoleSmsGateway.send", boom)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert deliver_message(message.pk) == "pending"
        message.refresh_from_db()
        assert message.attempts == 1 and "gateway down" in message.last_error
        assert message.next_attempt_at == start + backoff(1)
        # Not due yet: nothing happens.
        assert deliver_due().retrying == 0
    with time_machine.travel(start + backoff(1), tick=False):
        assert deliver_due().retrying == 1
    with time_machine.travel(start + backoff(1) + backoff(2), tick=False):
        assert deliver_due().failed == 1
    message.refresh_from_db()
    assert message.status == "failed" and message.attempts == 3
    assert backoff(2) == 2 * backoff(1)
    assert backoff(50).total_seconds() == settings.OUTBOX_RETRY_MAX_SECONDS


def test_claimed_row_is_not_sent_twice(sms_sent):
    message = enqueue_sms("+79161234567", "message", context={"body": "b"})
    assert deliver_message(message.pk) == "sent"
    assert deliver_message(message.pk) == "sent"
    assert len(sms_sent()) == 1


def test_command_delivers_due_rows(capsys):
    enqueue_email("a@example.com", "message", context={"subject": "s", "body": "b"})
    enqueue_email("b@example.com", "message", context={"subject": "s", "body": "b"})
    call_command("deliver_outbox")
    assert "sent=2" in capsys.readouterr().out
    assert len(mail.outbox) == 2


class _Recorder(BaseHTTPRequestHandler):
    received: list = []
    status = 200

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        type(self).received.append(json.loads(self.rfile.read(length)))
        self.send_response(type(self).status)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def http_gateway():
    _Recorder.received = []
    _Recorder.status = 200
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/send", _Recorder
    server.shutdown()
    server.server_close()


def test_http_sms_gateway_posts_json(http_gateway, settings):
    url, recorder = http_gateway
    settings.SMS_BACKEND = "http"
    settings.SMS_GATEWAY_URL = url
    settings.SMS_GATEWAY_LOGIN = "vt"
    settings.SMS_GATEWAY_PASSWORD = "pw"
    message = enqueue_sms("+79161234567", "message", context={"body": "Код 1"})
    assert deliver_message(message.pk) == "sent"
    assert recorder.received == [
        {"login": "vt", "password": "pw", "sender": "VTPlatform", "to": "+79161234567", "text": "Код 1"}
    ]


def test_http_sms_gateway_raises_on_non_2xx(http_gateway):
    url, recorder = http_gateway
    recorder.status = 503
    with pytest.raises(SmsError, match="503"):
        HttpSmsGateway(url=url, login="a", password="b").send("+79161234567", "x")
    with pytest.raises(SmsError):
        HttpSmsGateway(url="ftp://x")


def test_readiness_check_reports_failed_messages():
    from support.notifications.wagtail_hooks import outbox_readiness

    name, check = outbox_readiness()
    assert name == "outbox" and check()[0] == "ok"
    message = enqueue_sms("+79161234567", "message", context={"body": "b"})
    OutboxMessage.objects.filter(pk=message.pk).update(status="failed")
    assert check() == ("degraded", "late=0 failed=1")


def test_messages_enqueued_together_share_one_delivery_task(django_capture_on_commit_callbacks, sms_sent):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        with delivered_together():
            sms = enqueue_sms("+79161234567", "message", context={"body": "Привет"})
            email = enqueue_email("a@example.com", "message", context={"subject": "S", "body": "B"})
        assert OutboxMessage.objects.filter(status="pending").count() == 2
    assert len(callbacks) == 1
    assert set(OutboxMessage.objects.values_list("pk", "status")) == {(sms.pk, "sent"), (email.pk, "sent")}
    assert len(mail.outbox) == 1 and len(sms_sent()) == 1


def test_a_failing_together_block_schedules_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
        delivered_together(),
    ):
        enqueue_sms("+79161234567", "message", context={"body": "x"})
        raise RuntimeError
    assert callbacks == []
    assert OutboxMessage.objects.count() == 0


@pytest.fixture
def database_task_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_database_queue_takes_the_delivery_task_in_the_same_transaction(
    database_task_queue, django_capture_on_commit_callbacks, sms_sent
):
    from django_tasks_db.models import DBTaskResult

    with pytest.raises(RuntimeError), transaction.atomic():
        with delivered_together():
            enqueue_sms("+79161234567", "message", context={"body": "x"})
        assert DBTaskResult.objects.count() == 1  # written before commit, not after
        raise RuntimeError
    assert DBTaskResult.objects.count() == 0 and OutboxMessage.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        with delivered_together():
            sms = enqueue_sms("+79161234567", "message", context={"body": "Привет"})
        email = enqueue_email("a@example.com", "message", context={"subject": "S", "body": "B"})
    assert callbacks == []
    assert sorted(task.args_kwargs["args"][0] for task in DBTaskResult.objects.all()) == sorted(
        [[email.pk], [sms.pk]]
    )
    assert OutboxMessage.objects.filter(status="pending").count() == 2

    for row in DBTaskResult.objects.all():  # what the worker does with each row
        row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}
    assert len(mail.outbox) == 1 and len(sms_sent()) == 1


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_readyz_turns_degraded_after_a_few_failed_attempts_in_a_row(client, settings):
    """A mail server that refuses every connection shows on /readyz after OUTBOX_DEGRADED_AFTER_FAILURES
    attempts, long before any message runs out of retries; one delivery clears it."""
    settings.OUTBOX_DEGRADED_AFTER_FAILURES = 3
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _closed_port(), 2
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False

    def outbox_component():
        component = client.get("/readyz").json()["components"]["outbox"]
        return {"status": component["status"], "detail": component["detail"]}

    messages = [
        enqueue_email(f"u{n}@example.com", "message", context={"subject": "s", "body": "b"}) for n in range(3)
    ]
    for number, message in enumerate(messages, start=1):
        assert deliver_message(message.pk) == "pending"
        component = outbox_component()
        if number < 3:
            assert component["status"] == "ok", component
    assert component == {"status": "degraded", "detail": "late=0 failed=0 email_failing=3"}
    # SMS keeps working meanwhile and does not reset the e-mail count.
    sms = enqueue_sms("+79161234567", "message", context={"body": "b"})
    assert deliver_message(sms.pk) == "sent"
    assert outbox_component()["status"] == "degraded"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboxMessage.objects.filter(pk=messages[0].pk).update(next_attempt_at=timezone.now())
    assert deliver_message(messages[0].pk) == "sent"
    assert outbox_component() == {"status": "ok", "detail": "late=0 failed=0"}
