"""The support panel of the admin's dashboard: the queue at a glance (new, overdue, awaiting
information) and who is on duty now and next, each linking to the filtered queue or the roster."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from support.helpdesk.models.reports import OPEN_STATUSES, DutyShift, FaultReport, Status


class SupportPanel(Component):
    name = "support"
    template_name = "support/admin/dashboard_panel.html"
    order = 50  # above Wagtail's own panels: the queue is what support staff open the admin for

    def get_context_data(self, parent_context):
        now = timezone.now()
        queue = reverse("support_faultreport:index")
        open_reports = FaultReport.objects.filter(status__in=OPEN_STATUSES)
        counts = [
            (_("New reports"), open_reports.filter(status=Status.NEW), "status=new", "new"),
            (_("Overdue reports"), open_reports.filter(FaultReport.overdue_q(now)), "overdue=true", "late"),
            (
                Status.AWAITING_INFO.label,
                open_reports.filter(status=Status.AWAITING_INFO),
                "status=awaiting_info",
                "awaiting",
            ),
        ]
        counts = [
            (label, reports.count(), f"{queue}?{query}", kind) for label, reports, query, kind in counts
        ]
        on_duty = DutyShift.on_duty(now)
        upcoming = (
            DutyShift.objects.filter(start__gt=now).select_related("engineer").order_by("start").first()
        )
        return {
            "counts": counts,
            "open_total": open_reports.count(),
            "queue_url": queue,
            "roster_url": reverse("support_dutyshift:index"),
            "on_duty": on_duty,
            "next_shift": upcoming,
        }
