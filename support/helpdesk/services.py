"""Accepting a fault report (shared by the form and the API): rate limits, the tracking token, storing."""

import base64
import hashlib
import hmac
import json
import secrets
from functools import lru_cache
from urllib.parse import quote, urlencode

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import languages, ratelimit
from support.helpdesk.models.reports import (
    OPEN_STATUSES,
    DutyShift,
    FaultAttachment,
    FaultReport,
    ReferenceCounter,
    Status,
    SubmissionKey,
    TimelineEvent,
)
from support.helpdesk.tasks import accept_report
from support.helpdesk.validators import INSTALLATION_FIELDS
from support.notifications.models import OutboxMessage
from support.notifications.outbox import delivered_together, enqueue_email, enqueue_sms
from support.notifications.phones import mask_phone, normalize_phone


def check_rate_limits(request, phone_value: str = "") -> None:
    """Raise ``core.ratelimit.RateLimited`` when this address or this phone number submitted too often
    (both counted in one round trip to the cache)."""
    limits = [("support:report:ip", "ip", settings.SUPPORT_RATE_PER_IP)]
    if phone_value:

        def key(group, request):
            try:
                return normalize_phone(phone_value)
            except ValueError:
                return phone_value[:40]

        limits.append(("support:report:phone", key, settings.SUPPORT_RATE_PER_PHONE))
    ratelimit.check_all(request, limits)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def check_token(report: FaultReport, token: str | None) -> bool:
    return bool(token) and hmac.compare_digest(report.token_hash, hash_token(str(token)[:200]))


def find_report(reference: str, token: str | None) -> FaultReport | None:
    """The report when reference and token match, else ``None`` (callers answer 404 either way)."""
    report = FaultReport.objects.filter(reference=str(reference)[:20], anonymised_at__isnull=True).first()
    if report is None or not check_token(report, token):
        return None
    return report


@lru_cache(maxsize=8)
def _tracking_path_parts(language: str) -> tuple[str, str]:
    # Reversing a translated URL is a visible share of accepting a report; only the language varies.
    with translation.override(language):
        head, _, tail = reverse("helpdesk:track", kwargs={"reference": "REFERENCE"}).partition("REFERENCE")
    return head, tail


def tracking_path(report: FaultReport, token: str) -> str:
    head, tail = _tracking_path_parts(report.language)
    return f"{head}{quote(report.reference)}{tail}?{urlencode({'token': token})}"


def tracking_url(report: FaultReport, token: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + tracking_path(report, token)


class AttachmentsUnavailable(Exception):
    """The file storage cannot take attachments now; the transaction around them stores nothing."""

    message = _("Attachments cannot be saved right now. Send without them or try again later.")


def store_attachments(report, attachments, event=None) -> None:
    try:
        for upload, mime in attachments:
            FaultAttachment.objects.create(
                report=report,
                event=event,
                file=upload,
                original_name=upload.name[:255],
                content_type=mime,
                size=upload.size,
            )
    except (BotoCoreError, ClientError, OSError) as exc:
        # An unreachable or refusing S3 endpoint, or a full disk: raised out of the caller's
        # transaction, so neither the report nor the reply is half written.
        raise AttachmentsUnavailable(str(exc)) from exc


def notification_context(report: FaultReport, **extra) -> dict:
    return {
        "reference": report.reference,
        "full_name": report.full_name,
        "trainer": report.trainer.title if report.trainer_id and report.trainer else "",
        **extra,
    }


def submit_report(
    *,
    full_name,
    uin,
    phone,
    description,
    language,
    email="",
    trainer=None,
    environment=None,
    installation=None,
    attachments=(),
    submission=None,
) -> tuple[FaultReport, str]:
    """Store a validated report with its timeline, attachments and acknowledgements in ONE transaction.

    ``installation`` holds the validated ``INSTALLATION_FIELDS`` (version, platform, device, firmware,
    mode) the trainer's deep link or the reporter gave.
    Returns ``(report, token)``; the token is shown to the user once and only its hash is stored.
    ``submission`` is a :class:`Submission` whose key is stored with the report, in the same transaction;
    when a concurrent request stored that key first, this raises ``IntegrityError`` and stores nothing.
    """
    token_bytes = secrets.token_bytes(32)  # 256 bits
    token = _b64(token_bytes)
    language = languages.supported(language)
    now = timezone.now()
    report = FaultReport(
        token_hash=hash_token(token),
        language=language,
        full_name=full_name,
        uin=uin,
        phone=phone,
        email=email or "",
        trainer=trainer,
        description=description,
        environment=environment or {},
        **{name: (installation or {}).get(name) or "" for name in INSTALLATION_FIELDS},
        consent_at=now,
        created_at=now,
    )
    # Everything that only reads goes before the transaction: the reference counter's row lock
    # (taken first inside it) serialises concurrent submissions until commit. Hints, the incident
    # link and the on-call alert come later, in the task that delivers the acknowledgements.
    shift = DutyShift.on_duty(now)
    if shift:
        report.assignee = shift.engineer
    with translation.override(language):
        received = gettext("Report received. We will contact you soon.")
    with transaction.atomic():
        report.reference = ReferenceCounter.next_reference(timezone.localtime(now).year)
        report.save()
        events = [
            TimelineEvent(
                report=report,
                kind=TimelineEvent.Kind.CREATED,
                actor_label="user",
                to_status=report.status,
                public=True,
                message=received,
                created_at=now,
            )
        ]
        if shift:
            events.append(
                TimelineEvent(
                    report=report,
                    kind=TimelineEvent.Kind.ASSIGNED,
                    actor_label="system",
                    message=f"on duty: {shift.engineer.get_username()}",
                    created_at=now,
                )
            )
        # One INSERT for both events; PostgreSQL and SQLite return their keys, which the
        # attachments refer to.
        event = TimelineEvent.objects.bulk_create(events)[0]
        if submission is not None:
            submission.store(report, token_bytes)
        store_attachments(report, attachments, event)
        context = notification_context(report, tracking_url=tracking_url(report, token))
        with delivered_together(accept_report, report_id=report.pk):
            enqueue_sms(report.phone, "fault_ack", language=language, context=context, source=report)
            if report.email:
                enqueue_email(report.email, "fault_ack", language=language, context=context, source=report)
    return report, token


# Retried submissions ---------------------------------------------------------------------------------


class KeyReused(Exception):
    """A submission key came back with other data than it was first sent with."""

    def __init__(self, report):
        super().__init__(report.reference)
        self.report = report


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _pad(key: str, nonce: str) -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), f"submission:{nonce}:{key}".encode(), "sha256").digest()


def fingerprint(data) -> str:
    """SHA-256 of ``data`` as canonical JSON (sorted keys), so key order and spacing do not matter."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class Submission:
    """A fault report's submission under the key its sender chose (an ``Idempotency-Key``) or the form
    handed out: the same key and data give the same report, however often they are sent."""

    def __init__(self, scope: str, key: str, data_fingerprint: str = ""):
        self.scope = scope
        self.key = key
        self.fingerprint = data_fingerprint
        self.key_hash = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()

    def exists(self) -> bool:
        """Whether a report was stored under this key (expired or not)."""
        return SubmissionKey.objects.filter(key_hash=self.key_hash).exists()

    def previous(self) -> tuple[FaultReport, str] | None:
        """``(report, token)`` already stored under this key, else ``None``; raises :class:`KeyReused`
        when the key came with other data. An expired key is dropped and counts as new."""
        row = SubmissionKey.objects.filter(key_hash=self.key_hash).select_related("report").first()
        if row is None:
            return None
        if row.created_at < SubmissionKey.cutoff() or row.report.anonymised_at is not None:
            row.delete()
            return None
        if self.fingerprint and not hmac.compare_digest(row.fingerprint, self.fingerprint):
            raise KeyReused(row.report)
        sealed = base64.urlsafe_b64decode(row.sealed_token + "=" * (-len(row.sealed_token) % 4))
        token = bytes(a ^ b for a, b in zip(sealed, _pad(self.key, row.nonce), strict=True))
        return row.report, _b64(token)

    def store(self, report: FaultReport, token_bytes: bytes) -> None:
        """Keep the key with ``report``; the token is sealed with the key, which only the sender has."""
        nonce = secrets.token_hex(16)
        sealed = bytes(a ^ b for a, b in zip(token_bytes, _pad(self.key, nonce), strict=True))
        SubmissionKey.objects.create(
            key_hash=self.key_hash,
            scope=self.scope,
            fingerprint=self.fingerprint,
            report=report,
            nonce=nonce,
            sealed_token=_b64(sealed),
        )


def submit_once(submission: Submission, **fields) -> tuple[FaultReport, str, bool]:
    """``submit_report`` under a submission key: ``(report, token, replayed)``.

    A key seen before answers with its report (``replayed``); two requests racing with one key store one
    report: the loser's transaction fails on the key's unique index and it answers with the winner's."""
    previous = submission.previous()
    if previous is not None:
        return (*previous, True)
    try:
        report, token = submit_report(submission=submission, **fields)
    except IntegrityError:
        previous = submission.previous()
        if previous is None:
            raise
        return (*previous, True)
    return report, token, False


# What the reporter is told -----------------------------------------------------------------------


def mask_email(address: str) -> str:
    """``l***@example.com``: enough to recognise one's own address, not to learn someone else's."""
    local, _at, domain = address.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


def outbox_of(report: FaultReport):
    """Every outbox message queued about ``report`` (to the user, or to staff about a user's reply)."""
    return OutboxMessage.objects.filter(
        source_type__app_label="helpdesk", source_type__model="faultreport", source_id=str(report.pk)
    )


def sent_notifications(report: FaultReport) -> list[dict]:
    """The messages the outbox holds for ``report``, oldest first, with masked recipients."""
    messages = outbox_of(report).order_by("created_at", "pk")
    return [
        {
            "channel": message.get_channel_display(),
            "recipient": mask_phone(message.recipient)
            if message.channel == OutboxMessage.Channel.SMS
            else mask_email(message.recipient),
            "sent": message.status == OutboxMessage.Status.SENT,
            "failed": message.status in (OutboxMessage.Status.FAILED, OutboxMessage.Status.CANCELLED),
            "created_at": message.created_at,
        }
        for message in messages
        if message.recipient  # blanked by anonymisation
    ]


def journey_context(report: FaultReport) -> dict:
    """Template context of the success and tracking pages: the first-response target, the working
    hours it counts in (Moscow time, the same hours the maintenance rules use) and the notifications."""
    start, _dash, end = settings.MAINTENANCE_WORKING_HOURS.partition("-")
    return {
        "show_next": report.status in OPEN_STATUSES and report.status != Status.AWAITING_INFO,
        "first_response_hours": settings.SUPPORT_FIRST_RESPONSE_HOURS,
        "working_start": start.strip(),
        "working_end": end.strip(),
        "notifications": sent_notifications(report),
    }
