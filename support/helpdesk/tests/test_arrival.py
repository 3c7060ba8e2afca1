"""The intake's background triage: a known UIN links the report to its customer and tells the personal
manager; an unknown one is accepted and flagged; the release channels' hints arrive through a hook."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail import hooks
from wagtail.users.models import UserProfile

from customers.models import Customer, LearnerUIN, ManagerContact
from support.helpdesk import triage
from support.helpdesk.hints import INSTALLATION_HOOK
from support.helpdesk.models import DutyShift
from support.helpdesk.services import submit_report
from support.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer():
    manager = get_user_model().objects.create_user(
        "manager", "manager@vt-pro.ru", "pw", first_name="Mary", last_name="Peters", is_staff=True
    )
    profile = UserProfile.get_for_user(manager)
    profile.preferred_language = "en"
    profile.save()
    ManagerContact.objects.create(user=manager, phone="+79161234567")
    customer = Customer.objects.create(name="Crane Service JSC", inn="7707083893", manager=manager)
    LearnerUIN.objects.create(customer=customer, uin="UIN-100")
    return customer


@pytest.fixture
def engineer():
    user = get_user_model().objects.create_user("duty", "duty@vt-pro.ru", "pw", first_name="Oleg")
    user.groups.add(Group.objects.get(name="Support"))
    now = timezone.now()
    DutyShift.objects.create(engineer=user, start=now - timedelta(hours=1), end=now + timedelta(hours=1))
    return user


def submit(uin, **extra):
    data = {
        "full_name": "Сидоров Сидор",
        "uin": uin,
        "phone": "+79031234567",
        "description": "Нет звука в тренажёре",
        "language": "ru",
        **extra,
    }
    return submit_report(**data)[0]


def test_known_uin_links_the_customer_and_tells_the_manager_in_their_language(
    customer, engineer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = submit(" UIN-100")
    report.refresh_from_db()
    assert report.customer == customer
    assert not any(hint["code"] == "unknown_uin" for hint in report.hints)
    to_manager = OutboxMessage.objects.filter(template="report_to_manager")
    assert {(m.channel, m.recipient, m.language) for m in to_manager} == {
        ("email", "manager@vt-pro.ru", "en"),
        ("sms", "+79161234567", "en"),
    }
    email = to_manager.get(channel="email")
    assert report.reference in email.subject and "Crane Service JSC" in email.subject
    assert "Oleg" in email.body  # the engineer on duty, who has the report
    # The task again (a retry) neither duplicates hints nor messages.
    assert not triage.triage(report.pk)
    assert OutboxMessage.objects.filter(template="report_to_manager").count() == 2


def test_unknown_uin_is_accepted_and_flagged(customer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = submit("UIN-NEW-1")
    report.refresh_from_db()
    assert report.customer is None
    assert [hint["code"] for hint in report.hints] == ["unknown_uin"]
    assert not OutboxMessage.objects.filter(template="report_to_manager").exists()
    assert not triage.triage(report.pk)
    report.refresh_from_db()
    assert [hint["code"] for hint in report.hints] == ["unknown_uin"]


@pytest.fixture
def trainer(make_trainer):
    return make_trainer()[0]


def test_installation_hints_come_from_the_hook_with_the_customer(
    customer, trainer, django_capture_on_commit_callbacks
):
    calls = []

    def answer(trainer_key, platform, version, customer_id):
        calls.append((trainer_key, platform, version, customer_id))
        return [{"code": "outdated_version", "latest": "1.4.0", "channel": "stable"}, {"code": "bogus"}]

    def broken(*args):
        raise RuntimeError("the channels are down")

    with (
        hooks.register_temporarily(INSTALLATION_HOOK, answer),
        hooks.register_temporarily(INSTALLATION_HOOK, broken),
        django_capture_on_commit_callbacks(execute=True),
    ):
        report = submit(
            "UIN-100", trainer=trainer, installation={"trainer_version": "1.3.0", "platform": "windows"}
        )
    report.refresh_from_db()
    assert calls == [(str(trainer.translation_key), "windows", "1.3.0", customer.pk)]
    assert report.hints == [{"code": "outdated_version", "latest": "1.4.0", "channel": "stable"}]


def test_no_hook_no_installation_hint(customer, trainer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = submit("UIN-100", trainer=trainer, installation={"trainer_version": "1.3.0"})
    report.refresh_from_db()
    assert report.hints == []
