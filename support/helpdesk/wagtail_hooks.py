"""The helpdesk in the admin (report queue, report view, duty shifts), and its answers to other apps.

Hooks answered here for the status app (which the helpdesk never imports):

- ``vt_open_report_contacts`` (called by ``support.status.notify``): contacts of the people with open
  reports on some trainers.
- ``vt_incident_event`` (called by the status app in ``transaction.on_commit`` when an incident is
  opened, updated, moves to monitoring or is resolved): ``fn(event, incident) -> None``; an opened
  incident alerts the engineer on duty.
- ``vt_incident_report_count`` (called by the incident admin before its resolve action):
  ``fn(incident_id) -> int``, the open fault reports linked to the incident.

and for the catalogue (which imports no support app): ``vt_trainer_support_url``, where a trainer
page's "Report a problem with this trainer" leads.
"""

from django.conf import settings
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks

from catalogue.models.pages import SUPPORT_URL_HOOK
from core.routing import live_page_url
from support.helpdesk import admin, oncall, workflow
from support.helpdesk.dashboard import SupportPanel
from support.helpdesk.models import OPEN_STATUSES, FaultReport, OnCallAlert, SupportPage


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        admin.FaultReportViewSet("support_faultreport"),
        admin.DutyShiftViewSet("support_dutyshift"),
    ]


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("support/css/admin.css"))


@hooks.register("construct_homepage_panels")
def support_panel(request, panels):
    if request.user.has_perm(admin.VIEW_PERM):
        panels.append(SupportPanel())


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("support/reports/<id:pk>/", admin.report_view, name="support_report"),
        path("support/attachments/<id:pk>/", admin.attachment_download, name="support_attachment"),
    ]


@hooks.register(SUPPORT_URL_HOOK)
def trainer_support_url(trainer, request):
    """The support page of the trainer's language with the trainer chosen in the fault-report form (its
    URL only changes by publishing or moving: a new content generation)."""
    page_url = live_page_url(SupportPage, trainer.locale_id)
    return f"{page_url}?trainer={trainer.pk}" if page_url else None


@hooks.register("vt_open_report_contacts")
def open_report_contacts(trainer_keys):
    """``(email, phone, language)`` of people with open fault reports on the trainers whose translation
    keys are ``trainer_keys`` (``None``: every open report, for a whole-platform notice).

    One entry per phone/e-mail pair, so a person with several reports is told once.
    """
    reports = FaultReport.objects.filter(status__in=OPEN_STATUSES, anonymised_at__isnull=True)
    if trainer_keys is not None:
        reports = reports.filter(trainer__translation_key__in=trainer_keys)
    return list(reports.values_list("email", "phone", "language").distinct())


@hooks.register("vt_incident_event")
def incident_event(event, incident):
    """An opened incident alerts the engineer on duty (silenced when all its components are under
    declared maintenance; once per incident, however often the event comes). A resolved one stops its
    alert's escalation and, when staff asked for it (``resolve_reports``), resolves its linked reports."""
    if event == "opened":
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        oncall.raise_alert(
            f"incident:{incident['id']}:opened",
            kind=OnCallAlert.Kind.INCIDENT,
            title=incident.get("title_ru") or incident.get("title_en") or f"#{incident['id']}",
            link=base + incident["url_ru"] if incident.get("url_ru") else "",
            incident_id=incident["id"],
            components=incident.get("component_codes") or (),
        )
    elif event == "resolved":
        oncall.stand_down(incident_id=incident["id"])
        if incident.get("resolve_reports"):
            workflow.resolve_with_incident(incident)


@hooks.register("vt_incident_report_count")
def incident_report_count(incident_id):
    return FaultReport.objects.filter(incident_id=incident_id, status__in=OPEN_STATUSES).count()
