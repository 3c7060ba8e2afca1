"""What happens to a new fault report after it is accepted, in the background: triage hints, the link
to an open incident and to the UIN's customer (``customer_link``, which also tells the personal
manager), its first-response target (``targets``) and the on-call alert. Accepting a report
stays a few statements (issue #22 wants 200 reports/s); this runs in the task that also delivers the
reporter's acknowledgement, and ``oncall_tick`` catches up on any report whose task was lost.

Hook called here (answered by the status app, which the helpdesk never imports; with no app
answering, no report is linked):

``vt_open_incidents``: ``fn(trainer_key: str | None, at: datetime) -> list[dict]``, the incidents open
    at ``at`` that affect the trainer whose translation key is ``trainer_key`` (an incident on a
    user-facing component affects every trainer; the status app decides which components are
    user-facing), each ``{"id", "title_ru", "title_en", "impact", "url_ru", "url_en"}``.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from wagtail import hooks

from customers.queries import customer_for_uin
from support.helpdesk import customer_link, oncall, targets
from support.helpdesk.hints import compute_hints
from support.helpdesk.models.oncall import OnCallAlert
from support.helpdesk.models.reports import FaultReport, Status

logger = logging.getLogger(__name__)

OPEN_INCIDENTS_HOOK = "vt_open_incidents"
# A report still untriaged this long after filing lost its task: ``oncall_tick`` triages it.
CATCH_UP_AFTER = timedelta(minutes=1)


def open_incidents(report) -> list[dict]:
    """The incidents affecting the report's trainer when it was filed (most severe first)."""
    trainer_key = str(report.trainer.translation_key) if report.trainer_id and report.trainer else None
    try:
        incidents = [
            incident
            for fn in hooks.get_hooks(OPEN_INCIDENTS_HOOK)
            for incident in fn(trainer_key, report.created_at)
        ]
    except Exception:
        # The link is a convenience for staff: the report is triaged and alerted without it.
        logger.exception("open incidents lookup failed for report %s", report.pk)
        return []
    severity = {"major": 0, "partial": 1, "degraded": 2}
    return sorted(incidents, key=lambda incident: severity.get(incident.get("impact"), 3))


def incident_hint(incident: dict, language: str) -> dict:
    suffix = "en" if language == "en" else "ru"
    return {
        "code": "incident",
        "incident_id": incident["id"],
        "title": incident.get(f"title_{suffix}") or incident.get("title_ru", ""),
        "url": incident.get(f"url_{suffix}") or incident.get("url_ru", ""),
        "impact": incident.get("impact", ""),
    }


def admin_url(report) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("support_report", args=[report.pk])


def triage(report_id: int, now=None) -> bool:
    """Hints, incident link and on-call alert of one report, once; False when it was triaged before."""
    report = (
        FaultReport.objects.select_related("trainer")
        .filter(pk=report_id, triaged_at__isnull=True, anonymised_at__isnull=True)
        .first()
    )
    if report is None:
        return False
    now = now or timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        # Hints are for staff: in the admin's default language, as when they were made at intake.
        hints = compute_hints(report)
        incidents = open_incidents(report)
        customer = customer_for_uin(report.uin)
        hints += customer_link.customer_hints(report, customer)
    incident = incidents[0] if incidents else None
    due = targets.first_response_due(report.created_at, incident)
    if incident:
        hints.append(incident_hint(incident, settings.LANGUAGE_CODE))
    with transaction.atomic():
        # The conditional UPDATE is the claim: a retried task or a tick racing it finds nothing left.
        claimed = FaultReport.objects.filter(pk=report.pk, triaged_at__isnull=True).update(
            triaged_at=now,
            hints=hints,
            incident_id=incident["id"] if incident else None,
            customer=customer,
            first_response_due_at=due,
        )
        if not claimed:
            return False
        if customer is not None:
            customer_link.notify_manager(report, customer)
        if incident:
            # The incident's own alert already called the engineer: a burst of reports about one
            # outage must not page them once per report.
            return True
        trainer = report.trainer.title if report.trainer_id and report.trainer else ""
        # Reference and trainer only: the description may hold personal data, which alerts (kept
        # beyond the report's anonymisation) must not copy; the link leads to it.
        oncall.raise_alert(
            f"report:{report.pk}",
            kind=OnCallAlert.Kind.REPORT,
            title=" · ".join(part for part in (report.reference, trainer) if part),
            link=admin_url(report),
            report=report,
            trainer=report.trainer,
            now=now,
        )
    return True


def catch_up(now=None) -> int:
    """Triage the reports whose background task never ran; returns how many."""
    now = now or timezone.now()
    late = FaultReport.objects.filter(
        triaged_at__isnull=True, anonymised_at__isnull=True, created_at__lt=now - CATCH_UP_AFTER
    ).values_list("pk", flat=True)
    return sum(triage(pk, now) for pk in late[:500])


def alert_overdue(now=None) -> int:
    """Alert the engineer on duty, once per report, about new reports past their first-response target.

    Only reports whose target the triage set: reports filed before targets existed raise nothing."""
    now = now or timezone.now()
    alerted = OnCallAlert.objects.filter(kind=OnCallAlert.Kind.OVERDUE).values("report_id")
    late = (
        FaultReport.objects.filter(
            status=Status.NEW, first_response_due_at__lt=now, anonymised_at__isnull=True
        )
        .exclude(pk__in=alerted)
        .select_related("trainer")
    )
    raised = 0
    for report in late[:500]:
        alert = oncall.raise_alert(
            f"report:{report.pk}:first-response",
            kind=OnCallAlert.Kind.OVERDUE,
            title=report.reference,
            link=admin_url(report),
            report=report,
            trainer=report.trainer,
            now=now,
        )
        raised += alert is not None
    return raised
