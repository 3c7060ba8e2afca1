"""On-call alerting: tell the engineer on duty, escalate what nobody acknowledges, silence maintenance.

Public API::

    raise_alert(cause, *, kind, title, link="", report=None, incident_id=None, components=(),
                trainer=None, now=None) -> OnCallAlert | None  # None: this cause was alerted before
    escalate_due(now=None) -> int                  # what ``oncall_tick`` runs every minute
    acknowledge(alert, user, now=None) -> bool     # False when it was acknowledged already
    stand_down(incident_id) -> int                 # the incident is resolved: its alerts stop escalating
    ack_token(alert, user) -> str / read_ack_token(token) -> (alert, user) | None

Who is alerted comes from the roster (``DutyShift`` roles): the primary shift covering the moment,
then, when nobody acknowledges within ``SUPPORT_ONCALL_ACK_MINUTES``, the secondary, then the support
lead. Each alert message carries a personal acknowledge link: a token signed with ``SECRET_KEY``
naming the alert and the person it was sent to, so it cannot be guessed and says who acknowledged.

An alert about monitored components that are all under declared maintenance, or about a report on
a trainer (or on no trainer) inside a live maintenance window, is recorded as silenced and sent to
nobody.

Hooks called here (answered by the status app, which the helpdesk never imports):

``vt_component_maintenance``: ``fn(since, until) -> iterable of (starts_at, ends_at, codes)``, the
    declared maintenance windows with the monitored component codes each covers (documented in
    ``support.monitoring.uptime``).
``vt_maintenance_windows``: the live windows affecting a trainer (documented in ``hints``).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from wagtail import hooks

from support.helpdesk.hints import WINDOWS_HOOK
from support.helpdesk.models.oncall import OnCallAlert
from support.helpdesk.models.reports import DutyShift, TimelineEvent
from support.notifications.outbox import enqueue_email, enqueue_sms

logger = logging.getLogger(__name__)

COMPONENT_MAINTENANCE_HOOK = "vt_component_maintenance"
ROLES = list(DutyShift.Role)
_ACK_SALT = "helpdesk.oncall.ack"


def ack_token(alert: OnCallAlert, user) -> str:
    return signing.dumps([alert.pk, user.pk], salt=_ACK_SALT, compress=False)


def read_ack_token(token: str):
    """``(alert, user)`` the token was made for, or ``None`` when it is forged, damaged or stale."""
    try:
        alert_id, user_id = signing.loads(str(token)[:200], salt=_ACK_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    alert = OnCallAlert.objects.filter(pk=alert_id).select_related("acknowledged_by").first()
    user = get_user_model().objects.filter(pk=user_id).first()
    if alert is None or user is None:
        return None
    return alert, user


def ack_url(alert: OnCallAlert, user) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("helpdesk:oncall_ack", kwargs={"token": ack_token(alert, user)})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def components_under_maintenance(at) -> set[str]:
    """Monitored component codes inside a declared maintenance window at ``at``."""
    codes = set()
    for fn in hooks.get_hooks(COMPONENT_MAINTENANCE_HOOK):
        for starts_at, ends_at, window_codes in fn(at, at + timedelta(seconds=1)):
            if starts_at <= at < ends_at:
                codes.update(window_codes)
    return codes


def _trainer_under_maintenance(trainer, at) -> bool:
    return any(fn(trainer, at, timedelta(0)) for fn in hooks.get_hooks(WINDOWS_HOOK))


def _silenced(components, trainer, at) -> bool:
    """Components given (an incident): all of them under maintenance; else the trainer (a report)."""
    if components:
        return set(components) <= components_under_maintenance(at)
    # No trainer: the status app answers with the whole-platform windows.
    return _trainer_under_maintenance(trainer, at)


def raise_alert(
    cause, *, kind, title, link="", report=None, incident_id=None, components=(), trainer=None, now=None
):
    """Record the alert for ``cause`` and tell the first person on the roster; once per cause."""
    now = now or timezone.now()
    alert = OnCallAlert(
        cause=cause[:100],
        kind=kind,
        title=title[:300],
        link=link[:500],
        report=report,
        incident_id=incident_id,
        created_at=now,
    )
    try:
        alert.silenced = _silenced(components, trainer, now)
    except Exception:
        # Better a needless page than a missed one when the status app cannot answer.
        logger.exception("maintenance check failed for on-call alert %s", cause)
    with transaction.atomic():
        try:
            # A savepoint: losing the race to another worker must not spoil the caller's transaction.
            with transaction.atomic():
                alert.save()
        except IntegrityError:
            return None
        if not alert.silenced:
            _alert_next(alert, now, from_level=0)
    return alert


def _alert_next(alert: OnCallAlert, now, from_level: int) -> None:
    """Hand the alert to the first role from ``from_level`` on with someone on duty at ``now`` (not
    the person already alerted); with nobody left the alert stops escalating."""
    for shift in DutyShift.escalation_chain(now):
        level = ROLES.index(shift.role)
        if level < from_level or shift.engineer_id == alert.notified_id:
            continue
        alert.level, alert.notified = level, shift.engineer
        alert.escalate_at = now + timedelta(minutes=settings.SUPPORT_ONCALL_ACK_MINUTES)
        alert.save(update_fields=["level", "notified", "escalate_at"])
        _send(alert, shift)
        return
    if alert.notified_id is None:
        logger.warning("on-call alert %s: nobody on duty", alert.cause)
    alert.escalate_at = None
    alert.save(update_fields=["escalate_at"])


def _send(alert: OnCallAlert, shift: DutyShift) -> None:
    engineer = shift.engineer
    context = {
        "kind": alert.kind,
        "title": alert.title,
        "link": alert.link,
        "ack_url": ack_url(alert, engineer),
        "role": shift.role,
        "escalated": alert.level > 0,
        "name": engineer.get_full_name() or engineer.get_username(),
    }
    key = f"oncall:{alert.pk}:{alert.level}:{engineer.pk}"
    language = settings.LANGUAGE_CODE
    if engineer.email:
        enqueue_email(
            engineer.email, "oncall_alert", language=language, context=context, dedup_key=f"{key}:email"
        )
    if shift.phone:
        enqueue_sms(shift.phone, "oncall_alert", language=language, context=context, dedup_key=f"{key}:sms")


def escalate_due(now=None) -> int:
    """Pass every unacknowledged alert whose time is up to the next person; returns how many moved."""
    now = now or timezone.now()
    due = OnCallAlert.objects.filter(acknowledged_at__isnull=True, escalate_at__lte=now)
    moved = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            # skip_locked: two ticks at once each take different alerts, never the same one twice.
            alert = (
                OnCallAlert.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, acknowledged_at__isnull=True, escalate_at__lte=now)
                .first()
            )
            if alert is None:
                continue
            previous = alert.notified_id
            _alert_next(alert, now, from_level=alert.level + 1)
            moved += alert.notified_id != previous
    return moved


def acknowledge(alert: OnCallAlert, user, now=None) -> bool:
    """Stop the alert's escalation; True when this call acknowledged it, False when it already was."""
    now = now or timezone.now()
    with transaction.atomic():
        done = OnCallAlert.objects.filter(pk=alert.pk, acknowledged_at__isnull=True).update(
            acknowledged_at=now, acknowledged_by=user, escalate_at=None
        )
        if done and alert.report_id:
            # The report's timeline shows who took the night call, next to its other events.
            TimelineEvent.objects.create(
                report_id=alert.report_id,
                kind=TimelineEvent.Kind.NOTE,
                actor=user,
                actor_label=(user.get_full_name() or user.get_username())[:150],
                message=f"on-call alert acknowledged: {alert.cause}",
                created_at=now,
            )
    alert.refresh_from_db()
    return bool(done)


def stand_down(*, incident_id: int) -> int:
    """Stop escalating the unacknowledged alerts about an incident that is over."""
    return OnCallAlert.objects.filter(
        incident_id=incident_id, acknowledged_at__isnull=True, escalate_at__isnull=False
    ).update(escalate_at=None)
