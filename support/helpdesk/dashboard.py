"""The support panel of the admin's dashboard: the queue at a glance (new, overdue, awaiting
information), who is on duty now and next, and the roster's gaps in the next fortnight, each linking
to the filtered queue or the roster."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from support.helpdesk.models.reports import OPEN_STATUSES, ROSTER_GAP_DAYS, DutyShift, FaultReport, Status


class SupportPanel(Component):
    name = "support"
    template_name = "support/admin/dashboard_panel.html"
    order = 50  # above Wagtail's own panels: the queue is what support staff open the admin for

    def get_context_data(self, parent_context):
        now = timezone.now()
        queue = reverse("support_faultreport:index")
        # One query for the four figures, not one each.
        totals = FaultReport.objects.filter(status__in=OPEN_STATUSES).aggregate(
            total=Count("pk"),
            new=Count("pk", filter=Q(status=Status.NEW)),
            late=Count("pk", filter=FaultReport.overdue_q(now)),
            awaiting=Count("pk", filter=Q(status=Status.AWAITING_INFO)),
        )
        counts = [
            (_("New reports"), totals["new"], f"{queue}?status=new", "new"),
            (_("Overdue reports"), totals["late"], f"{queue}?overdue=true", "late"),
            (Status.AWAITING_INFO.label, totals["awaiting"], f"{queue}?status=awaiting_info", "awaiting"),
        ]
        on_duty = DutyShift.on_duty(now)
        upcoming = (
            DutyShift.objects.filter(start__gt=now).select_related("engineer").order_by("start").first()
        )
        return {
            "counts": counts,
            "open_total": totals["total"],
            "queue_url": queue,
            "roster_url": reverse("support_dutyshift:index"),
            "on_duty": on_duty,
            "next_shift": upcoming,
            "gaps": DutyShift.gaps(now, now + timedelta(days=ROSTER_GAP_DAYS)),
            "gap_days": ROSTER_GAP_DAYS,
        }
