"""On-call duties of every minute: triage (and alert about) reports whose background task was lost,
alert about new reports past their first-response target, and escalate alerts nobody acknowledged in
time. Idempotent: two ticks at once alert nobody twice."""

from django.core.management.base import BaseCommand

from support.helpdesk import oncall, triage


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        caught_up = triage.catch_up()
        overdue = triage.alert_overdue()
        escalated = oncall.escalate_due()
        self.stdout.write(f"triaged late: {caught_up}, overdue: {overdue}, escalated: {escalated}")
