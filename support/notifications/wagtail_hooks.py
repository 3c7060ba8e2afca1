"""The outbox in the admin and in ``/readyz``."""

from datetime import timedelta

from django.utils import timezone
from wagtail import hooks

from .admin import OutboxMessageViewSet
from .models import OutboxMessage


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [OutboxMessageViewSet("support_outbox")]


@hooks.register("vt_readiness_checks")
def outbox_readiness():
    """``degraded`` when messages failed for good today or pending ones are more than an hour late."""

    def check():
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
