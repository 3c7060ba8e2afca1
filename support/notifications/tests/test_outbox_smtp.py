"""Integration: a real SMTP server goes down and comes back; the outbox delivers once it is back."""

import socket
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from support.notifications.models import OutboxMessage
from support.notifications.outbox import deliver_due, enqueue_email

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


class _Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_mail_is_delivered_after_the_smtp_server_comes_back(settings, django_capture_on_commit_callbacks):
    port = _free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 3
    settings.OUTBOX_RETRY_BASE_SECONDS = 0

    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    controller.stop()  # the server is down when the user submits

    with django_capture_on_commit_callbacks(execute=True):
        message = enqueue_email(
            "learner-smtp@example.com", "message", language="ru", context={"subject": "Тема", "body": "Текст"}
        )
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1
    assert "Connection refused" in message.last_error or "Errno" in message.last_error

    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        stats = deliver_due()
    finally:
        controller.stop()
    assert stats.sent == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert len(inbox.messages) == 1
    assert inbox.messages[0]["To"] == "learner-smtp@example.com"
    assert str(make_header(decode_header(inbox.messages[0]["Subject"]))) == "Тема"
