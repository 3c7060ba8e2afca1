"""Accepting a fault report (shared by the form and the API): rate limits, the tracking token, storing."""

import hashlib
import hmac
import secrets
from functools import lru_cache
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from core import languages, ratelimit
from support.helpdesk.hints import compute_hints
from support.helpdesk.models.reports import (
    DutyShift,
    FaultAttachment,
    FaultReport,
    ReferenceCounter,
    TimelineEvent,
)
from support.notifications.outbox import delivered_together, enqueue_email, enqueue_sms
from support.notifications.phones import normalize_phone


def check_rate_limits(request, phone_value: str = "") -> None:
    """Raise ``core.ratelimit.RateLimited`` when this address or this phone number submitted too often."""
    ratelimit.check(request, group="support:report:ip", key="ip", rate=settings.SUPPORT_RATE_PER_IP)
    if phone_value:

        def key(group, request):
            try:
                return normalize_phone(phone_value)
            except ValueError:
                return phone_value[:40]

        ratelimit.check(request, group="support:report:phone", key=key, rate=settings.SUPPORT_RATE_PER_PHONE)


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


def store_attachments(report, attachments, event=None) -> None:
    for upload, mime in attachments:
        FaultAttachment.objects.create(
            report=report,
            event=event,
            file=upload,
            original_name=upload.name[:255],
            content_type=mime,
            size=upload.size,
        )


def notification_context(report: FaultReport, **extra) -> dict:
    return {
        "reference": report.reference,
        "full_name": report.full_name,
        "trainer": report.trainer.title if report.trainer_id and report.trainer else "",
        **extra,
    }


def submit_report(
    *, full_name, uin, phone, description, language, email="", trainer=None, environment=None, attachments=()
) -> tuple[FaultReport, str]:
    """Store a validated report with its timeline, attachments and acknowledgements in ONE transaction.

    Returns ``(report, token)``; the token is shown to the user once and only its hash is stored.
    """
    token = secrets.token_urlsafe(32)  # 256 bits
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
        consent_at=now,
        created_at=now,
    )
    # Everything that only reads goes before the transaction: the reference counter's row lock
    # (taken first inside it) serialises concurrent submissions until commit.
    report.hints = compute_hints(report)
    shift = DutyShift.on_duty(now)
    if shift:
        report.assignee = shift.engineer
    with translation.override(language):
        received = gettext("Report received. We will contact you soon.")
    with transaction.atomic():
        report.reference = ReferenceCounter.next_reference(timezone.localtime(now).year)
        report.save()
        event = TimelineEvent.objects.create(
            report=report,
            kind=TimelineEvent.Kind.CREATED,
            actor_label="user",
            to_status=report.status,
            public=True,
            message=received,
            created_at=now,
        )
        store_attachments(report, attachments, event)
        if shift:
            TimelineEvent.objects.create(
                report=report,
                kind=TimelineEvent.Kind.ASSIGNED,
                actor_label="system",
                message=f"on duty: {shift.engineer.get_username()}",
                created_at=now,
            )
        context = notification_context(report, tracking_url=tracking_url(report, token))
        with delivered_together():
            enqueue_sms(report.phone, "fault_ack", language=language, context=context, source=report)
            if report.email:
                enqueue_email(report.email, "fault_ack", language=language, context=context, source=report)
    return report, token
