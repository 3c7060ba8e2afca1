"""The fault-report state machine: every allowed step is in ``TRANSITIONS``; nothing else changes status.

Public API::

    TRANSITIONS: dict[str, Transition]                 # action name -> sources, target, rules
    allowed_actions(report) -> list[str]               # staff actions valid in the current status
    apply(report, action, *, actor, message="", reason="", note="", maintenance_notice_id=None)
        -> FaultReport                                 # raises TransitionError when refused
    resolve_with_incident(incident) -> int             # the open reports linked to a resolved incident
    assign(report, assignee, *, actor) -> FaultReport  # take (assignee=actor) or assign
    add_note(report, text, *, actor) -> TimelineEvent  # internal note, never shown to the user
    user_reply(report, text, attachments=()) -> FaultReport   # from the tracking page
    record_view(report, user) -> None                  # audit: staff opened the report

Each call runs in one transaction with the report row locked: status change, timeline event (actor,
time, public/internal message) and outbox rows commit together or not at all.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from support.helpdesk import notices
from support.helpdesk.models import OPEN_STATUSES, FaultReport, NotAFaultReason, Status, TimelineEvent
from support.helpdesk.services import notification_context, store_attachments
from support.notifications.outbox import enqueue_email, enqueue_sms


class TransitionError(Exception):
    """The requested step is not allowed from the report's current state (or lacks a required field)."""


@dataclass(frozen=True)
class Transition:
    sources: tuple[str, ...]
    target: str
    label: str
    done: str  # what the staff confirmation says happened, in the past tense
    notify: str = ""  # outbox template sent to the user
    requires_message: bool = False
    public_message: str = ""  # default public timeline text when no message is given
    extra: dict = field(default_factory=dict)
    staff: bool = True  # offered in the report view; False: only the system takes this step


TRANSITIONS: dict[str, Transition] = {
    "review": Transition(
        (Status.NEW,),
        Status.IN_REVIEW,
        _("Take into review"),
        _("Taken into review"),
        public_message=_("In review."),
    ),
    "request_info": Transition(
        (Status.IN_REVIEW, Status.IN_PROGRESS),
        Status.AWAITING_INFO,
        _("Request information"),
        _("Information requested"),
        notify="fault_info_request",
        requires_message=True,
    ),
    # Also from "awaiting information": the answer may come by phone instead of the tracking page.
    "start_work": Transition(
        (Status.IN_REVIEW, Status.AWAITING_INFO),
        Status.IN_PROGRESS,
        _("Start work"),
        _("Work started"),
        public_message=_("Work has started."),
    ),
    "resolve": Transition(
        (Status.IN_PROGRESS,),
        Status.RESOLVED,
        _("Resolve"),
        _("Marked as resolved"),
        notify="fault_resolved",
        requires_message=True,
    ),
    "not_a_fault": Transition(
        (Status.IN_REVIEW,),
        Status.NOT_A_FAULT,
        _("Not a fault"),
        _("Marked as not a fault"),
        notify="fault_not_a_fault",
    ),
    "close": Transition((Status.RESOLVED, Status.NOT_A_FAULT), Status.CLOSED, _("Close"), _("Report closed")),
    # The incident the report was filed during was resolved, and staff asked to resolve its reports
    # with it (``resolve_with_incident``); from any open state, since the fix was not the report's own.
    "resolve_with_incident": Transition(
        OPEN_STATUSES,
        Status.RESOLVED,
        _("Resolve with the incident"),
        _("Resolved with the incident"),
        notify="fault_resolved",
        requires_message=True,
        staff=False,
    ),
}


def allowed_actions(report: FaultReport) -> list[str]:
    """The staff actions valid in the report's current status."""
    return [name for name, t in TRANSITIONS.items() if t.staff and report.status in t.sources]


def _locked(report: FaultReport) -> FaultReport:
    return FaultReport.objects.select_for_update().get(pk=report.pk)


def _actor_label(actor) -> str:
    if actor is None:
        return "system"
    return (actor.get_full_name() or actor.get_username())[:150]


def _notify_user(report: FaultReport, template: str, **extra) -> None:
    context = notification_context(report, **extra)
    enqueue_sms(report.phone, template, language=report.language, context=context, source=report)
    if report.email:
        enqueue_email(report.email, template, language=report.language, context=context, source=report)


def apply(report, action, *, actor=None, message="", reason="", note="", maintenance_notice_id=None):
    """Run one staff transition; returns the updated report or raises ``TransitionError``."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise TransitionError(gettext("Unknown action: %(action)s") % {"action": action})
    message = (message or "").strip()
    notice = None
    if action == "not_a_fault" and reason == NotAFaultReason.PLANNED_MAINTENANCE:
        # Asked before the row lock: the status app's pages are read, never written, here.
        notice = next((n for n in notices.notice_choices(report) if n["id"] == maintenance_notice_id), None)
        if notice is None:
            raise TransitionError(gettext("Choose the maintenance notice from the list."))
    with transaction.atomic():
        current = _locked(report)
        if current.status not in transition.sources:
            raise TransitionError(
                gettext('"%(action)s" is not possible while the report is "%(status)s".')
                % {"action": transition.label, "status": current.get_status_display()}
            )
        if transition.requires_message and not message:
            raise TransitionError(gettext("A message to the user is required."))
        now = timezone.now()
        extra = {}
        if action == "not_a_fault":
            if reason not in NotAFaultReason.values:
                raise TransitionError(gettext("Choose the reason from the service rules."))
            note = (note or "").strip()
            if reason == NotAFaultReason.INCOMPATIBLE_EQUIPMENT and not note:
                raise TransitionError(gettext("Describe the incompatible equipment or software."))
            current.not_a_fault_reason = reason
            current.not_a_fault_note = note
            if notice is not None:
                current.maintenance_notice_id = notice["id"]
            with translation.override(current.language):
                reason_text = str(NotAFaultReason(reason).label)
            extra = {"reason": reason_text, "note": note}
            if notice is not None:
                extra |= notices.for_reporter(notice, current.language)
            message = message or (f"{reason_text}. {note}".strip() if note else reason_text)
        if not message and transition.public_message:
            with translation.override(current.language):
                message = str(transition.public_message)
        previous = current.status
        current.status = transition.target
        if current.first_response_at is None and previous == Status.NEW:
            current.first_response_at = now
        if transition.target == Status.RESOLVED:
            current.resolved_at = now
        if transition.target == Status.CLOSED:
            current.closed_at = now
        if action == "review" and current.assignee_id is None and actor is not None:
            current.assignee = actor
        current.save()
        TimelineEvent.objects.create(
            report=current,
            kind=TimelineEvent.Kind.TRANSITION,
            actor=actor,
            actor_label=_actor_label(actor),
            from_status=previous,
            to_status=current.status,
            public=True,
            message=message,
            created_at=now,
        )
        if transition.notify:
            _notify_user(current, transition.notify, message=message, **extra)
    return current


def resolve_with_incident(incident: dict) -> int:
    """Resolve every open report linked to ``incident`` (a ``vt_incident_event`` payload), each in its
    own transaction, its reporter told in their language; returns how many. A report resolved already
    (a repeated event, staff faster) is left alone."""
    resolved = 0
    reports = FaultReport.objects.filter(incident_id=incident["id"], status__in=OPEN_STATUSES)
    for report in reports.only("pk", "language"):
        language = "en" if report.language == "en" else "ru"
        message = (incident.get(f"message_{language}") or "").strip()
        if not message:
            title = incident.get(f"title_{language}") or incident.get("title_ru", "")
            with translation.override(report.language):
                message = gettext('The incident "%(title)s" is resolved.') % {"title": title}
        try:
            apply(report, "resolve_with_incident", message=message)
        except TransitionError:
            continue
        resolved += 1
    return resolved


def assign(report, assignee, *, actor):
    with transaction.atomic():
        current = _locked(report)
        if current.status in (Status.CLOSED,):
            raise TransitionError(gettext("A closed report cannot be reassigned."))
        current.assignee = assignee
        current.save(update_fields=["assignee", "updated_at"])
        TimelineEvent.objects.create(
            report=current,
            kind=TimelineEvent.Kind.ASSIGNED,
            actor=actor,
            actor_label=_actor_label(actor),
            message=assignee.get_username() if assignee else "-",
        )
    return current


def add_note(report, text, *, actor):
    text = (text or "").strip()
    if not text:
        raise TransitionError(gettext("The note is empty."))
    return TimelineEvent.objects.create(
        report=report,
        kind=TimelineEvent.Kind.NOTE,
        actor=actor,
        actor_label=_actor_label(actor),
        message=text,
    )


def can_reply(report) -> bool:
    """The user may reply while information is awaited, or reopen a recently resolved report."""
    if report.status == Status.AWAITING_INFO:
        return True
    if report.status == Status.RESOLVED and report.resolved_at:
        return timezone.now() - report.resolved_at <= timedelta(days=settings.SUPPORT_REOPEN_DAYS)
    return False


def user_reply(report, text, attachments=()):
    """The user's reply: back to review, timeline event, e-mail to the assignee."""
    text = (text or "").strip()
    with transaction.atomic():
        current = _locked(report)
        if not can_reply(current):
            raise TransitionError(gettext("This report does not accept replies now."))
        previous = current.status
        current.status = Status.IN_REVIEW
        current.save(update_fields=["status", "updated_at"])
        event = TimelineEvent.objects.create(
            report=current,
            kind=TimelineEvent.Kind.REPLY,
            actor_label="user",
            from_status=previous,
            to_status=current.status,
            public=True,
            message=text,
        )
        store_attachments(current, attachments, event)
        if current.assignee_id and current.assignee.email:
            enqueue_email(
                current.assignee.email,
                "fault_reply_staff",
                language=settings.LANGUAGE_CODE,
                context=notification_context(current, message=text, reopened=previous == Status.RESOLVED),
                source=current,
            )
    return current


def record_view(report, user) -> None:
    TimelineEvent.objects.create(
        report=report, kind=TimelineEvent.Kind.VIEWED, actor=user, actor_label=_actor_label(user)
    )
