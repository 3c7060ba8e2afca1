"""Integration (PostgreSQL, the SMTP sink): a report with a known UIN links to its customer and the
personal manager's e-mail reaches the real SMTP server."""

import email
import os
import time
import uuid
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from customers.models import Customer, LearnerUIN
from support.helpdesk.services import submit_report
from support.notifications.models import OutboxMessage

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _sink_messages_to(address, timeout=10):
    folder = Path(os.environ.get("VT_MAIL_SINK_DIR", "/var/tmp/vt-services/mail"))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [
            email.message_from_bytes(path.read_bytes())
            for path in folder.glob("*.eml")
            if address.encode() in path.read_bytes()
        ]
        if found:
            return found
        time.sleep(0.2)
    return []


def test_known_uin_links_the_customer_and_mails_the_manager(settings, django_capture_on_commit_callbacks):
    assert settings.EMAIL_HOST or os.environ.get("EMAIL_HOST"), "needs the SMTP sink"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
    settings.EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "10025"))
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    address = f"manager-{uuid.uuid4().hex[:12]}@vt-pro.ru"
    manager = get_user_model().objects.create_user(
        "manager", address, "pw", first_name="Мария", is_staff=True
    )
    customer = Customer.objects.create(name="АО «Кран-Сервис»", inn="7707083893", manager=manager)
    LearnerUIN.objects.create(customer=customer, uin="UIN-777")

    with django_capture_on_commit_callbacks(execute=True):
        report, _token = submit_report(
            full_name="Сидоров Сидор",
            uin="UIN-777",
            phone="+79031234567",
            description="Нет звука в тренажёре",
            language="ru",
        )
    report.refresh_from_db()
    assert report.customer == customer
    message = OutboxMessage.objects.get(template="report_to_manager", channel="email")
    assert message.status == OutboxMessage.Status.SENT, message.last_error
    received = _sink_messages_to(address)
    assert len(received) == 1
    subject = str(make_header(decode_header(received[0]["Subject"])))
    assert subject == f"Обращение {report.reference} от слушателя АО «Кран-Сервис»"
