"""Delivering due outbox rows (the task and the ``deliver_outbox`` command run this)."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import ChannelHealth, OutboxMessage
from .sms import get_sms_gateway

logger = logging.getLogger(__name__)


def backoff(attempts: int) -> timedelta:
    """Delay before the next try after ``attempts`` failures: base * 2^(n-1), capped."""
    base = settings.OUTBOX_RETRY_BASE_SECONDS
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), settings.OUTBOX_RETRY_MAX_SECONDS))


def _claim(message_id: int) -> bool:
    """Take a lease on a due pending row, atomically, so two workers never send it twice."""
    now = timezone.now()
    lease = now + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    return bool(
        OutboxMessage.objects.filter(
            pk=message_id, status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now
        ).update(next_attempt_at=lease)
    )


def _send(message: OutboxMessage) -> None:
    if message.channel == OutboxMessage.Channel.EMAIL:
        EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.recipient],
            headers={"X-VT-Outbox-Id": str(message.pk)},
        ).send(fail_silently=False)
    else:
        get_sms_gateway().send(message.recipient, message.body)


def _record_attempt(channel: str, error: str = "") -> None:
    """Count a failed attempt on ``channel`` (``error`` given) or clear the count after a success."""
    now = timezone.now()
    if error:
        changes = {
            "consecutive_failures": F("consecutive_failures") + 1,
            "last_error": error,
            "last_failure_at": now,
        }
    else:
        changes = {"consecutive_failures": 0, "last_success_at": now}
    # An UPDATE with F() adds up right when several workers fail at once; the row is created once.
    if ChannelHealth.objects.filter(channel=channel).update(**changes):
        return
    try:
        with transaction.atomic():
            ChannelHealth.objects.create(channel=channel)
    except IntegrityError:
        pass  # another worker created it first
    ChannelHealth.objects.filter(channel=channel).update(**changes)


def deliver_message(message_id: int) -> str:
    """Try to deliver one due row. Returns its status afterwards (unchanged when not due/claimed)."""
    if not _claim(message_id):
        row = OutboxMessage.objects.filter(pk=message_id).values_list("status", flat=True).first()
        return row or "missing"
    message = OutboxMessage.objects.get(pk=message_id)
    attempts = message.attempts + 1
    try:
        _send(message)
    except Exception as exc:
        failed = attempts >= settings.OUTBOX_MAX_ATTEMPTS
        status = OutboxMessage.Status.FAILED if failed else OutboxMessage.Status.PENDING
        error = f"{type(exc).__name__}: {exc}"[:2000]
        OutboxMessage.objects.filter(pk=message_id).update(
            attempts=attempts,
            status=status,
            last_error=error,
            next_attempt_at=timezone.now() + backoff(attempts),
        )
        _record_attempt(message.channel, error)
        logger.warning("outbox %s attempt %s failed: %s", message_id, attempts, exc)
        return status
    OutboxMessage.objects.filter(pk=message_id).update(
        attempts=attempts, status=OutboxMessage.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    _record_attempt(message.channel)
    return OutboxMessage.Status.SENT


@dataclass
class DeliveryStats:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def deliver_due(limit: int = 500) -> DeliveryStats:
    """Deliver every pending row whose next attempt is due (oldest first)."""
    stats = DeliveryStats()
    ids = list(
        OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    for message_id in ids:
        status = deliver_message(message_id)
        if status == OutboxMessage.Status.SENT:
            stats.sent += 1
        elif status == OutboxMessage.Status.FAILED:
            stats.failed += 1
        elif status == OutboxMessage.Status.PENDING:
            stats.retrying += 1
    return stats
