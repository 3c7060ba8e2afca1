"""Integration (PostgreSQL, the SMTP sink): a report with a known UIN links to its customer and the
personal manager's e-mail reaches the real SMTP server."""

import uuid

import pytest
from django.contrib.auth import get_user_model

from customers.models import Customer, LearnerUIN
from support.helpdesk.services import submit_report
from support.notifications.models import OutboxMessage

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_known_uin_links_the_customer_and_mails_the_manager(smtp_sink, django_capture_on_commit_callbacks):
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
    received = smtp_sink(address)
    assert len(received) == 1
    subject = str(received[0]["Subject"]).strip()
    assert subject == f"Обращение {report.reference} от слушателя АО «Кран-Сервис»"
