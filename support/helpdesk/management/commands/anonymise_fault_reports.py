"""Blank the personal data of closed fault reports older than SUPPORT_RETENTION_DAYS, delete the learners'
UINs kept past the same period (``customers.queries.expired_uins``: the customer's last licence ended
longer ago) and submission keys past SUPPORT_SUBMISSION_KEY_HOURS (run daily or more often)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from customers.queries import expired_uins
from support.helpdesk.models import FaultAttachment, FaultReport, Status, SubmissionKey, TimelineEvent
from support.notifications.models import OutboxMessage


def anonymise(report: FaultReport) -> None:
    """Remove what identifies the person; keep reference, status, trainer and dates for statistics."""
    with transaction.atomic():
        for attachment in FaultAttachment.objects.filter(report=report):
            attachment.file.delete(save=False)
            attachment.delete()
        TimelineEvent.objects.filter(report=report, kind=TimelineEvent.Kind.REPLY).update(message="")
        SubmissionKey.objects.filter(report=report).delete()
        OutboxMessage.objects.filter(source_type__model="faultreport", source_id=str(report.pk)).update(
            recipient="", subject="", body="", context={}
        )
        FaultReport.objects.filter(pk=report.pk).update(
            full_name="",
            uin="",
            phone="",
            email="",
            description="",
            environment={},
            token_hash="",
            anonymised_at=timezone.now(),
        )


class Command(BaseCommand):
    help = "Anonymise closed fault reports older than SUPPORT_RETENTION_DAYS (default 365)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run=False, **options):
        cutoff = timezone.now() - timedelta(days=settings.SUPPORT_RETENTION_DAYS)
        reports = FaultReport.objects.filter(
            status=Status.CLOSED, closed_at__lt=cutoff, anonymised_at__isnull=True
        )
        count = 0
        for report in reports.iterator():
            if not dry_run:
                anonymise(report)
            count += 1
        self.stdout.write(f"{'would anonymise' if dry_run else 'anonymised'} {count} report(s)")
        uins = expired_uins(retention_days=settings.SUPPORT_RETENTION_DAYS)
        removed = uins.count() if dry_run else uins.delete()[0]
        self.stdout.write(f"{'would delete' if dry_run else 'deleted'} {removed} expired learner UIN(s)")
        expired = SubmissionKey.objects.filter(created_at__lt=SubmissionKey.cutoff())
        keys = expired.count() if dry_run else expired.delete()[0]
        self.stdout.write(f"{'would delete' if dry_run else 'deleted'} {keys} expired submission key(s)")
