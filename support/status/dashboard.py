"""The maintenance panel of the admin's dashboard: windows in progress and the next ones (the coming
fortnight), each linking to its notice, and the way to announce a new one."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from core import languages
from support.status import queries
from support.status.models import StatusPage

HORIZON = timedelta(days=14)
SHOWN = 5


class MaintenancePanel(Component):
    name = "maintenance"
    template_name = "support/maintenance/admin/dashboard_panel.html"
    order = 60  # right below the support panel

    def get_context_data(self, parent_context):
        now = timezone.now()
        windows = queries.windows_affecting(at=now, horizon=HORIZON)
        user = parent_context["request"].user
        status_page = StatusPage.objects.filter(locale__language_code=languages.default()).first()
        can_announce = status_page is not None and status_page.permissions_for_user(user).can_add_subpage()
        return {
            "windows": windows[:SHOWN],
            "more": max(len(windows) - SHOWN, 0),
            "now": now,
            "notices_url": reverse("maintenance_notices:index"),
            "add_url": (
                reverse("wagtailadmin_pages:add", args=["status", "maintenancenoticepage", status_page.pk])
                if can_announce
                else None
            ),
        }
