"""Enqueue outbox messages. The public API is described in ``support.notifications``; delivery itself is
in :mod:`support.notifications.delivery` (``deliver_due`` and ``deliver_message`` are re-exported here)."""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, router, transaction
from django.template.loader import render_to_string
from django.utils import translation

from core import languages

from .delivery import DeliveryStats, backoff, deliver_due, deliver_message
from .models import OutboxMessage
from .phones import normalize_phone
from .tasks import deliver_outbox

__all__ = [
    "DeliveryStats",
    "backoff",
    "deliver_due",
    "deliver_message",
    "delivered_together",
    "enqueue",
    "enqueue_email",
    "enqueue_sms",
]

logger = logging.getLogger(__name__)

TEMPLATE_DIR = "support/notifications"

# Messages collected by ``delivered_together`` (``None`` outside such a block).
_together: ContextVar[list[OutboxMessage] | None] = ContextVar("outbox_delivered_together", default=None)


def render(template: str, language: str, context: dict, channel: str) -> tuple[str, str]:
    """Return ``(subject, body)`` rendered in ``language``; SMS have an empty subject."""
    with translation.override(language):
        base = f"{TEMPLATE_DIR}/{template}.{language}"
        if channel == OutboxMessage.Channel.SMS:
            return "", render_to_string(f"{base}.sms.txt", context).strip()
        subject = " ".join(render_to_string(f"{base}.subject.txt", context).split())
        return subject[:255], render_to_string(f"{base}.body.txt", context).strip() + "\n"


def enqueue(*, channel, recipient, template, language=None, context=None, dedup_key=None, source=None):
    """Write one outbox row in the current transaction; deliver it after commit.

    Returns the new ``OutboxMessage`` or ``None`` when ``dedup_key`` was already used.
    Raises ``ValueError`` for an unusable recipient (bad phone number, empty address).
    """
    channel = OutboxMessage.Channel(channel)
    language = languages.supported(language)
    context = dict(context or {})
    recipient = (recipient or "").strip()
    if channel == OutboxMessage.Channel.SMS:
        recipient = normalize_phone(recipient)
    elif "@" not in recipient:
        raise ValueError("an e-mail recipient needs an address")
    if dedup_key and OutboxMessage.objects.filter(dedup_key=dedup_key).exists():
        return None
    subject, body = render(template, language, context, channel)
    message = OutboxMessage(
        channel=channel,
        recipient=recipient,
        language=language,
        template=template,
        context=context,
        subject=subject,
        body=body,
        dedup_key=dedup_key or None,
    )
    if source is not None:
        message.source_type = ContentType.objects.get_for_model(source, for_concrete_model=False)
        message.source_id = str(source.pk)
    together = _together.get()
    if together is not None and not dedup_key:
        together.append(message)  # written with the others when the block ends
        return message
    if dedup_key:
        try:
            # A savepoint so that losing a dedup race does not poison the caller's transaction.
            with transaction.atomic():
                message.save()
        except IntegrityError:
            if OutboxMessage.objects.filter(dedup_key=dedup_key).exists():
                return None
            raise
    else:
        message.save()
    if together is None:
        _schedule_with_transaction([message.pk])
    else:
        together.append(message)
    return message


@contextmanager
def delivered_together(task=None, **task_kwargs):
    """Write the messages enqueued inside the block in one INSERT when it ends, and hand them to ONE
    background task after commit.

    A fault report's SMS and e-mail acknowledgements travel together: one statement and one task row
    instead of two each, a visible share of the cost of accepting a report. Inside the block the
    returned messages have no primary key yet (deduplicated ones are written at once, as always).
    Nothing is written or scheduled when the block raises.

    ``task`` replaces ``deliver_outbox`` when the caller has more background work on the same cause
    (the helpdesk triages a new report after acknowledging it): it is called as
    ``task.enqueue(message_ids, **task_kwargs)`` and must deliver the rows with ``deliver_message``;
    rows it leaves undelivered are picked up by the ``deliver_outbox`` command as always."""
    messages = []
    token = _together.set(messages)
    try:
        yield
    finally:
        _together.reset(token)
    OutboxMessage.objects.bulk_create([message for message in messages if message.pk is None])
    ids = [message.pk for message in messages]
    if ids:
        _schedule_with_transaction(ids, task, task_kwargs)


def enqueue_email(recipient, template, *, language=None, context=None, dedup_key=None, source=None):
    return enqueue(
        channel=OutboxMessage.Channel.EMAIL,
        recipient=recipient,
        template=template,
        language=language,
        context=context,
        dedup_key=dedup_key,
        source=source,
    )


def enqueue_sms(phone, template, *, language=None, context=None, dedup_key=None, source=None):
    return enqueue(
        channel=OutboxMessage.Channel.SMS,
        recipient=phone,
        template=template,
        language=language,
        context=context,
        dedup_key=dedup_key,
        source=source,
    )


def _schedule_with_transaction(message_ids: list[int], task=None, task_kwargs=None) -> None:
    """Queue delivery of rows written in the current transaction.

    A queue kept in the same database takes the task row inside the transaction: messages and task
    commit, or vanish, together, and accepting a report costs one commit instead of two. Any other
    backend runs or sends the task only after commit, once the rows are visible to it."""
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    task = task or deliver_outbox
    task_kwargs = task_kwargs or {}
    same_database = router.db_for_write(DBTaskResult) == router.db_for_write(OutboxMessage)
    if isinstance(task.get_backend(), DatabaseBackend) and same_database:
        task.enqueue(message_ids, **task_kwargs)
    else:
        transaction.on_commit(lambda: _schedule(message_ids, task, task_kwargs))


def _schedule(message_ids: list[int], task, task_kwargs) -> None:
    """Hand the rows to a background task; if even that fails the periodic command catches up."""
    try:
        task.enqueue(message_ids, **task_kwargs)
    except Exception:
        logger.exception("could not enqueue outbox delivery for %s; deliver_outbox will retry", message_ids)
