"""Telling subscribers (and people with open fault reports) about maintenance windows, and subscribers
about incident updates.

Each batch is a ``NoticeDispatch`` row, unique per (notice, event, revision fingerprint): a batch
is created once, so a republish without material change, a retried task or a second
``maintenance_tick`` never sends again. Every message carries a one-click unsubscribe link.
"""

import hashlib
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail import hooks
from wagtail.models import Locale

from core import languages
from support.status import delivery, rules
from support.status.choices import MONITORED_BY, USER_FACING_COMPONENTS, IncidentImpact, IncidentStatus
from support.status.models import MaintenanceNoticePage, NoticeDispatch, Subscriber, reminder_lead

CONTACTS_HOOK = "vt_open_report_contacts"

logger = logging.getLogger(__name__)
Event = NoticeDispatch.Event
ANNOUNCEMENTS = (Event.PUBLISHED, Event.CHANGED, Event.CANCELLED)


def site_root():
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") or "http://localhost:8000"


def subscribers_for(notice):
    """Active subscribers concerned by ``notice`` (all notices, one of its trainers, or a service its
    window covers)."""
    qs = Subscriber.objects.filter(unsubscribed_at__isnull=True)
    if not notice.whole_platform:
        keys = [t.translation_key for t in notice.trainers.all()]
        codes = {c for code in notice.components for c in MONITORED_BY.get(code, ())}
        qs = qs.filter(
            Q(all_trainers=True) | Q(trainers__translation_key__in=keys) | Q(components__code__in=codes)
        )
    return list(qs.distinct())


def subscribers_for_incident(incident):
    """Active subscribers concerned by ``incident``: those following everything, one of its trainers or
    one of its components. An incident on a user-facing component affects every trainer, so it concerns
    everyone who chose a trainer too; one naming nothing concerns the whole platform: everyone."""
    active = Subscriber.objects.filter(unsubscribed_at__isnull=True)
    codes = list(incident.components.values_list("code", flat=True))
    keys = list(incident.trainers.values_list("translation_key", flat=True))
    if not codes and not keys:
        return list(active)
    chosen = Q(all_trainers=True) | Q(trainers__translation_key__in=keys) | Q(components__code__in=codes)
    if any(code in USER_FACING_COMPONENTS for code in codes):
        chosen |= Q(trainers__isnull=False)
    return list(active.filter(chosen).distinct())


def _render_incident(incident, update, language, unsubscribe_url):
    with translation.override(language):
        context = {
            "title": incident.title(language),
            "impact": IncidentImpact(incident.impact).label,
            "status": IncidentStatus(update.status).label,
            "message": update.message(language),
            "url": site_root() + incident.url(language),
            "unsubscribe_url": unsubscribe_url,
        }
        subject = render_to_string("support/incidents/messages/subject.txt", context).strip()
        body = render_to_string("support/incidents/messages/body.txt", context)
        sms = render_to_string("support/incidents/messages/sms.txt", context).strip()
    return subject, body, sms


def incident_update(update):
    """Send one posted incident update to the subscribers concerned, each in their language, once
    (the outbox's ``dedup_key`` names the update); returns the number of messages queued."""
    incident = update.incident
    sent = 0
    with transaction.atomic():
        for subscriber in subscribers_for_incident(incident):
            unsubscribe = site_root() + reverse("status_root:unsubscribe", args=[subscriber.token])
            language = languages.supported(subscriber.language)
            subject, body, sms = _render_incident(incident, update, language, unsubscribe)
            key = f"incident:{incident.pk}:update:{update.pk}:{subscriber.pk}"
            if subscriber.email and subscriber.email_confirmed_at:
                delivery.send_email(
                    to=subscriber.email,
                    subject=subject,
                    body=body,
                    language=language,
                    dedup_key=f"{key}:email",
                )
                sent += 1
            if subscriber.phone:
                delivery.send_sms(to=subscriber.phone, text=sms, language=language, dedup_key=f"{key}:sms")
                sent += 1
    return sent


def fault_report_contacts(notice):
    """(email, phone, language) of people with open fault reports on the affected trainers.

    A whole-platform notice concerns every open report; otherwise reports on one of its trainers.
    One entry per phone/e-mail pair, so a person with several reports is told once.

    The reports belong to the helpdesk, which answers the ``vt_open_report_contacts`` hook:
    ``fn(trainer_keys) -> list of (email, phone, language)`` for the people with open (not anonymised)
    reports on the trainers with these translation keys, or on any trainer when ``trainer_keys`` is
    ``None``. With no app answering, nobody is told this way.
    """
    keys = None if notice.whole_platform else [t.translation_key for t in notice.trainers.all()]
    contacts = [contact for fn in hooks.get_hooks(CONTACTS_HOOK) for contact in fn(keys)]
    return list(dict.fromkeys(tuple(contact) for contact in contacts))


def _fingerprint(notice, event):
    if event == Event.REMINDER:
        return hashlib.sha256(notice.starts_at.isoformat().encode()).hexdigest()[:16]
    if event == Event.COMPLETED:
        return "done"
    return notice.fingerprint()


def _localized(notice, language):
    locale = Locale.objects.filter(language_code=language).first()
    page = notice.get_translation_or_none(locale) if locale else None
    return (page or notice).specific


def _render(notice, event, language, unsubscribe_url):
    with translation.override(language):
        page = _localized(notice, language)
        context = {
            "notice": page,
            "event": event,
            "starts": rules.format_moscow(page.starts_at),
            "ends": rules.format_moscow(page.effective_end),
            "url": site_root() + (page.url or ""),
            "unsubscribe_url": unsubscribe_url,
        }
        subject = render_to_string("support/maintenance/messages/subject.txt", context).strip()
        body = render_to_string("support/maintenance/messages/body.txt", context)
        sms = render_to_string("support/maintenance/messages/sms.txt", context).strip()
    return subject, body, sms


def dispatch(notice, event):
    """Send ``event`` about ``notice`` to everyone concerned, once; returns the batch or None.

    The batch row and its outbox rows commit together: a failure leaves neither behind.
    """
    with transaction.atomic():
        return _dispatch(notice, event)


def _dispatch(notice, event):
    notice = notice.specific
    fingerprint = _fingerprint(notice, event)
    try:
        with transaction.atomic():
            batch = NoticeDispatch.objects.create(
                notice_key=notice.translation_key,
                notice_title=notice.title[:255],
                event=event,
                fingerprint=fingerprint,
            )
    except IntegrityError:
        return None
    sent = 0
    for subscriber in subscribers_for(notice):
        unsubscribe = site_root() + reverse("status_root:unsubscribe", args=[subscriber.token])
        subject, body, sms = _render(notice, event, subscriber.language, unsubscribe)
        key = f"maintenance:{notice.translation_key}:{event}:{fingerprint}:{subscriber.pk}"
        if subscriber.email and subscriber.email_confirmed_at:
            delivery.send_email(
                to=subscriber.email,
                subject=subject,
                body=body,
                language=subscriber.language,
                dedup_key=f"{key}:email",
            )
            sent += 1
        if subscriber.phone:
            delivery.send_sms(
                to=subscriber.phone, text=sms, language=subscriber.language, dedup_key=f"{key}:sms"
            )
            sent += 1
    for email, phone, language in fault_report_contacts(notice):
        subject, body, sms = _render(notice, event, languages.supported(language), None)
        key = f"maintenance:{notice.translation_key}:{event}:{fingerprint}:report:{email}|{phone}"
        if email:
            delivery.send_email(
                to=email, subject=subject, body=body, language=language, dedup_key=f"{key}:email"
            )
            sent += 1
        if phone:
            delivery.send_sms(to=phone, text=sms, language=language, dedup_key=f"{key}:sms")
            sent += 1
    NoticeDispatch.objects.filter(pk=batch.pk).update(recipients=sent, sent_at=timezone.now())
    batch.recipients = sent
    return batch


def on_publish(notice):
    """Choose the announcement for a freshly published revision (nothing if nothing material changed)."""
    notice = notice.specific
    announced = NoticeDispatch.objects.filter(notice_key=notice.translation_key, event__in=ANNOUNCEMENTS)
    if announced.filter(fingerprint=notice.fingerprint()).exists():
        return None
    now = timezone.now()
    if notice.cancelled:
        return dispatch(notice, Event.CANCELLED) if announced.exists() else None
    if notice.completed_at and notice.completed_at <= now:
        return dispatch(notice, Event.COMPLETED) if announced.exists() else None
    if notice.effective_end <= now:
        return None
    return dispatch(notice, Event.CHANGED if announced.exists() else Event.PUBLISHED)


def tick(now=None):
    """Reminders before windows start and "works completed" after they end; safe to run often."""
    now = now or timezone.now()
    live = MaintenanceNoticePage.objects.live().filter(cancelled=False)
    results = {"reminders": 0, "completed": 0}
    seen = set()
    for notice in live.filter(starts_at__gt=now, starts_at__lte=now + reminder_lead()).order_by("pk"):
        if notice.translation_key in seen:
            continue
        seen.add(notice.translation_key)
        if dispatch(notice, Event.REMINDER):
            results["reminders"] += 1
    recent = now - reminder_lead()
    ended = live.filter(Q(ends_at__lte=now) | Q(completed_at__lte=now)).filter(
        Q(ends_at__gt=recent) | Q(completed_at__gt=recent)
    )
    for notice in ended.order_by("pk"):
        if notice.translation_key in seen:
            continue
        seen.add(notice.translation_key)
        if dispatch(notice, Event.COMPLETED):
            results["completed"] += 1
    return results
