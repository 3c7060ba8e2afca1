"""``manage.py monitor_rollup``: recompute recent uptime aggregates and prune old samples and aggregates."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from support.monitoring import uptime


class Command(BaseCommand):
    help = (
        "Recompute the hourly and daily uptime aggregates of the last hours from the raw samples (so that "
        "maintenance declared late counts) and delete samples and aggregates past their retention."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=2, help="How many past hours to recompute (default 2)."
        )

    def handle(self, *args, hours, **options):
        now = timezone.now()
        rolled = uptime.roll_up(since=now - dt.timedelta(hours=max(hours, 1)), until=now)
        samples, aggregates = uptime.prune(now)
        self.stdout.write(
            f"{rolled} hourly aggregates recomputed; pruned {samples} samples, {aggregates} aggregates"
        )
