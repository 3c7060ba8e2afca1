"""Admin and site integration of maintenance notices, and the status app's answers to the helpdesk.

Hooks answered here for the helpdesk (which never imports the status app), called by
``support.helpdesk.hints``, where their contracts are documented:

- ``vt_maintenance_spans``: the scheduled windows of the live notices overlapping a time range.
- ``vt_maintenance_windows``: the live windows affecting a trainer at a moment (or shortly before it).
- ``vt_component_maintenance``: the windows of the live, non-cancelled notices overlapping a time range,
  with the monitored components each covers (``support.monitoring.uptime``).
- ``vt_working_deadline``: a moment some working hours after another, by the production calendar
  (called by ``support.helpdesk.targets``).
- ``vt_maintenance_notices``: the recent and upcoming notices staff choose from when they close a
  report as planned maintenance (called by ``support.helpdesk.notices``).
- ``vt_open_incidents``: the incidents open at a moment that affect a trainer (``open_incidents``), asked
  when a fault report is filed; ``vt_incident_event`` and ``vt_incident_report_count`` go the other way
  (documented in ``support.status.incidents``).
- ``vt_monitor_round``: after each round of probes, incidents are opened or moved (``watch``; the
  contract is documented in ``support.monitoring.management.commands.monitor``).

And for the trainers' downloads and launches (``simulators.suspension``):

- ``vt_access_suspension``: the window in progress suspending a trainer's launch or downloads.
"""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Locale

from support.monitoring.models import Component
from support.status import banner, calendar, incident_queries, queries, rules, suspension, watch
from support.status.choices import MONITORED_BY
from support.status.dashboard import MaintenancePanel
from support.status.incident_admin import IncidentViewSet
from support.status.models import MaintenanceNoticePage, NoticeDispatch, Subscriber, WorkingDayException


@hooks.register("vt_site_banners")
def maintenance_banner(request):
    return banner.render_banner(request)


def _warn(request, page):
    page = page.specific
    if not isinstance(page, MaintenanceNoticePage):
        return
    window = rules.Window(
        starts_at=page.starts_at,
        ends_at=page.ends_at,
        kind=page.kind,
        cancelled=page.cancelled,
        whole_platform=page.whole_platform,
        components=page.components,
        trainer_keys=[t.translation_key for t in page.trainers.all()],
    )
    verdict = rules.check(
        window,
        publishing=False,
        exclude_key=page.translation_key,
        notices=MaintenanceNoticePage.live_notices(),
    )
    for warning in verdict.warnings:
        messages.warning(request, warning)


hooks.register("after_create_page", _warn)
hooks.register("after_edit_page", _warn)


class WorkingDayExceptionViewSet(ModelViewSet):
    model = WorkingDayException
    icon = "date"
    menu_label = _("Working-day exceptions")
    list_display = ["date", "is_working", "note"]
    list_filter = ["is_working"]
    search_fields = ["note"]
    form_fields = ["date", "is_working", "note"]


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Subscribers")
    list_display = [
        "__str__",
        "language",
        "all_trainers",
        "email_confirmed_at",
        "unsubscribed_at",
        "created_at",
    ]
    list_filter = ["language", "all_trainers"]
    search_fields = ["email", "phone"]
    form_fields = ["email", "phone", "language", "all_trainers", "trainers", "components", "unsubscribed_at"]


class NoticeDispatchViewSet(ModelViewSet):
    model = NoticeDispatch
    icon = "mail"
    menu_label = _("Notifications sent")
    list_display = ["notice_title", "event", "recipients", "sent_at"]
    list_filter = ["event"]
    search_fields = ["notice_title"]
    form_fields = ["notice_title"]
    inspect_view_enabled = True


class MaintenanceNoticeListing(PageListingViewSet):
    """Every maintenance notice in one flat list, whichever status page holds it."""

    model = MaintenanceNoticePage
    icon = "warning"
    menu_label = _("Maintenance notices")


class MaintenanceMenu(ViewSetGroup):
    """One "Maintenance" entry in the admin menu instead of five long top-level labels."""

    menu_label = _("Maintenance")
    menu_icon = "date"
    items = (
        IncidentViewSet("incidents"),
        MaintenanceNoticeListing("maintenance_notices"),
        SubscriberViewSet("maintenance_subscribers"),
        NoticeDispatchViewSet("maintenance_dispatches"),
        WorkingDayExceptionViewSet("maintenance_workdays"),
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return MaintenanceMenu()


@hooks.register("construct_homepage_panels")
def maintenance_panel(request, panels):
    # Every admin user: the windows are public on the status page anyway.
    panels.append(MaintenancePanel())


@hooks.register("vt_maintenance_spans")
def maintenance_spans(since, until):
    """``(starts_at, ends_at)`` of every live notice (cancelled ones too) overlapping ``[since, until)``."""
    return list(
        MaintenanceNoticePage.objects.filter(live=True, starts_at__lt=until, ends_at__gt=since)
        .order_by()
        .values_list("starts_at", "ends_at")
    )


@hooks.register("vt_maintenance_windows")
def maintenance_windows(trainer, at, lookback):
    """The live windows affecting ``trainer`` at ``at`` or within ``lookback`` before it."""
    return [
        {"notice_id": window.pk, "title": str(window.title)}
        for window in queries.windows_affecting(trainer, at, lookback=lookback)
    ]


@hooks.register("vt_component_maintenance")
def component_maintenance(since, until):
    """``(starts_at, effective end, monitored component codes)`` of the non-cancelled live notices
    overlapping ``[since, until)``; a whole-platform notice covers every monitored component."""
    every = list(Component.objects.values_list("code", flat=True))
    notices = MaintenanceNoticePage.live_notices().filter(starts_at__lt=until, ends_at__gt=since)
    windows = []
    for notice in queries.one_per_notice(notices.order_by("starts_at", "pk"), None):
        codes = (
            every
            if notice.whole_platform
            else {c for code in notice.components for c in MONITORED_BY.get(code, ())}
        )
        windows.append((notice.starts_at, notice.effective_end, sorted(codes)))
    return windows


@hooks.register("vt_access_suspension")
def access_suspension(trainer_key, service):
    return suspension.suspension(trainer_key, service)


@hooks.register("vt_working_deadline")
def working_deadline(start, hours):
    """``start`` plus ``hours`` of Moscow working time (``MAINTENANCE_WORKING_HOURS`` of working days)."""
    return calendar.add_working_hours(start, hours, rules.working_hours())


@hooks.register("vt_maintenance_notices")
def maintenance_notices(trainer_key, at, days):
    """The live, non-cancelled notices whose window overlaps the ``days`` around ``at``, those affecting
    the trainer (or the whole platform) first, then by distance from ``at``; ids of the pages in the
    default language, titles and paths in both."""
    span = dt.timedelta(days=days)
    notices = MaintenanceNoticePage.live_notices().filter(starts_at__lt=at + span, ends_at__gt=at - span)
    affecting = Q(whole_platform=True)
    if trainer_key:
        affecting |= Q(trainers__translation_key=trainer_key)
    affecting_keys = set(notices.filter(affecting).values_list("translation_key", flat=True))
    english = Locale.objects.filter(language_code="en").first()
    found = []
    for notice in queries.one_per_notice(notices.order_by("starts_at", "pk"), settings.LANGUAGE_CODE):
        translation = notice.get_translation_or_none(english) if english else None
        translation = translation if translation is not None and translation.live else notice
        found.append(
            {
                "id": notice.pk,
                "title_ru": str(notice.title),
                "title_en": str(translation.title),
                "url_ru": notice.url or "",
                "url_en": translation.url or "",
                "starts_at": notice.starts_at,
                "ends_at": notice.effective_end,
                "affects_trainer": notice.translation_key in affecting_keys,
            }
        )
    return sorted(found, key=lambda item: (not item["affects_trainer"], abs(item["starts_at"] - at)))


@hooks.register("vt_monitor_round")
def follow_monitor_round(probed_at, statuses):
    """Open incidents after repeated failures, mark them "monitoring" on recovery (``watch``)."""
    watch.after_round(probed_at, statuses)


@hooks.register("vt_open_incidents")
def open_incidents(trainer_key, at):
    """``fn(trainer_key: str | None, at: datetime) -> list[dict]``: the incidents open at ``at`` affecting
    the trainer of that translation key (``None``: those affecting every trainer), each ``{"id",
    "title_ru", "title_en", "impact", "url_ru", "url_en"}``. The helpdesk calls it when a report is filed
    (in a background task) to link the report to them."""
    return [
        {
            "id": incident.pk,
            "title_ru": incident.title_ru,
            "title_en": incident.title_en,
            "impact": incident.impact,
            "url_ru": incident.url("ru"),
            "url_en": incident.url("en"),
        }
        for incident in incident_queries.open_affecting(trainer_key, at)
    ]
