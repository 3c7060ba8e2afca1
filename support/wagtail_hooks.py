"""Admin registration for the support app (fault-report queue, duty shifts)."""

from django.urls import path
from wagtail import hooks

from support.faults import admin
from support.maintenance import wagtail_hooks as maintenance_hooks  # noqa: F401  (registers its own hooks)
from support.notifications.admin import OutboxMessageViewSet


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        admin.FaultReportViewSet("support_faultreport"),
        admin.DutyShiftViewSet("support_dutyshift"),
        OutboxMessageViewSet("support_outbox"),
    ]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("support/reports/<int:pk>/", admin.report_view, name="support_report"),
        path("support/attachments/<int:pk>/", admin.attachment_download, name="support_attachment"),
    ]


@hooks.register("vt_readiness_checks")
def outbox_readiness():
    """``degraded`` when messages failed for good today or pending ones are more than an hour late."""

    def check():
        from datetime import timedelta

        from django.utils import timezone

        from support.notifications.models import OutboxMessage

        now = timezone.now()
        late = OutboxMessage.objects.filter(
            status=OutboxMessage.Status.PENDING, next_attempt_at__lt=now - timedelta(hours=1)
        ).count()
        failed = OutboxMessage.objects.filter(
            status=OutboxMessage.Status.FAILED, created_at__gte=now - timedelta(days=1)
        ).count()
        status = "degraded" if late or failed else "ok"
        return status, f"late={late} failed={failed}"

    return ("outbox", check)
