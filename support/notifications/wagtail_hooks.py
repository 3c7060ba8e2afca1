"""The outbox in the admin and in ``/readyz``."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from wagtail import hooks

from .admin import OutboxMessageViewSet
from .models import ChannelHealth, OutboxMessage


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [OutboxMessageViewSet("support_outbox")]


@hooks.register("vt_readiness_checks")
def outbox_readiness():
    """``degraded`` when the last few delivery attempts on a channel all failed, when messages failed for
    good today, or when pending ones are more than an hour late."""

    def check():
        now = timezone.now()
        failing = list(
            ChannelHealth.objects.filter(
                consecutive_failures__gte=settings.OUTBOX_DEGRADED_AFTER_FAILURES
            ).values_list("channel", "consecutive_failures")
        )
        late = OutboxMessage.objects.filter(
            status=OutboxMessage.Status.PENDING, next_attempt_at__lt=now - timedelta(hours=1)
        ).count()
        failed = OutboxMessage.objects.filter(
            status=OutboxMessage.Status.FAILED, created_at__gte=now - timedelta(days=1)
        ).count()
        status = "degraded" if late or failed or failing else "ok"
        streaks = "".join(f" {channel}_failing={count}" for channel, count in failing)
        return status, f"late={late} failed={failed}{streaks}"

    return ("outbox", check)
