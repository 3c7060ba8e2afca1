"""Subscriber notifications: once per notice revision, reminders, completion, unsubscribe."""

import datetime as dt

import time_machine
from django.utils import timezone

from support.notifications.models import OutboxMessage
from support.status import notify
from support.status.models import NoticeDispatch, Subscriber
from support.status.tests.conftest import msk

NOW = msk(2026, 11, 20, 15, 0)


def subscriber(**kw):
    kw.setdefault("consent_at", timezone.now())
    return Subscriber.objects.create(**kw)


@time_machine.travel(NOW, tick=False)
def test_publish_notifies_once_per_revision(make_notice):
    subscriber(email="a-maint@example.com", email_confirmed_at=timezone.now(), language="en")
    subscriber(phone="+79123456789", language="ru")
    subscriber(email="unconfirmed-maint@example.com")
    ru, _en = make_notice("n1", msk(2026, 12, 2, 1), msk(2026, 12, 2, 4))
    batch = NoticeDispatch.objects.get(event="published")
    assert batch.recipients == 2
    email = OutboxMessage.objects.get(channel="email")
    assert email.recipient == "a-maint@example.com"
    # English template; the title falls back to Russian when announced before the translation exists.
    assert email.subject.startswith("Planned maintenance:") and "/maintenance/unsubscribe/" in email.body
    sms = OutboxMessage.objects.get(channel="sms")
    assert "Работы n1" in sms.body and "02.12.2026 01:00" in sms.body
    # Republishing without a material change sends nothing.
    ru.save_revision().publish()
    assert OutboxMessage.objects.count() == 2
    # Moving the window is a material change: one more batch.
    ru.ends_at = msk(2026, 12, 2, 5)
    ru.save_revision().publish()
    assert NoticeDispatch.objects.filter(event="changed").count() == 1
    assert OutboxMessage.objects.count() == 4


@time_machine.travel(NOW, tick=False)
def test_cancellation_and_trainer_filter(make_notice):
    subscriber(email="all-maint@example.com", email_confirmed_at=timezone.now())
    subscriber(email="other-maint@example.com", email_confirmed_at=timezone.now(), all_trainers=False)
    ru, _en = make_notice("n2", msk(2026, 12, 2, 1), msk(2026, 12, 2, 4))
    assert NoticeDispatch.objects.get(event="published").recipients == 2  # whole platform: everyone
    ru.cancelled = True
    ru.save_revision().publish()
    assert NoticeDispatch.objects.get(event="cancelled").recipients == 2
    last = OutboxMessage.objects.filter(recipient="all-maint@example.com").order_by("pk").last()
    assert last.subject.startswith("Работы отменены")  # the subscriber's language (ru by default)


def test_tick_sends_reminder_and_completion_once(make_notice):
    with time_machine.travel(NOW, tick=False):
        subscriber(phone="+79123450000")
        make_notice("n3", msk(2026, 12, 2, 1), msk(2026, 12, 2, 4))
    with time_machine.travel(msk(2026, 12, 1, 2), tick=False):
        assert notify.tick() == {"reminders": 1, "completed": 0}
        assert notify.tick() == {"reminders": 0, "completed": 0}
    with time_machine.travel(msk(2026, 12, 2, 4, 5), tick=False):
        assert notify.tick() == {"reminders": 0, "completed": 1}
        assert notify.tick()["completed"] == 0
    assert OutboxMessage.objects.filter(channel="sms").count() == 3
    assert timezone.now() > msk(2026, 12, 2) - dt.timedelta(days=3650)


@time_machine.travel(NOW, tick=False)
def test_unsubscribed_get_nothing(client, make_notice):
    person = subscriber(email="gone-maint@example.com", email_confirmed_at=timezone.now())
    assert client.get(f"/maintenance/unsubscribe/{person.token}").status_code == 200
    make_notice("n4", msk(2026, 12, 2, 1), msk(2026, 12, 2, 4))
    assert NoticeDispatch.objects.get(event="published").recipients == 0
