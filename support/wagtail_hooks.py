"""Admin registration for the support app (fault-report queue, duty shifts)."""

from django.urls import path
from wagtail import hooks

from support.faults import admin
from support.maintenance import wagtail_hooks as maintenance_hooks  # noqa: F401  (registers its own hooks)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        admin.FaultReportViewSet("support_faultreport"),
        admin.DutyShiftViewSet("support_dutyshift"),
    ]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("support/reports/<int:pk>/", admin.report_view, name="support_report"),
        path("support/attachments/<int:pk>/", admin.attachment_download, name="support_attachment"),
    ]
