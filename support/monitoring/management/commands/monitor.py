"""``manage.py monitor``: one round of probes, stored as samples and added to this hour's aggregates."""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from support.monitoring import probes, uptime
from support.monitoring.models import Sample


class Command(BaseCommand):
    help = "Probe every monitored component once and record the results (run it every minute)."

    def handle(self, *args, **options):
        probed_at = timezone.now()
        results = probes.run_round(probes.registry())
        components = uptime.components_by_code([r.code for r in results])
        Sample.objects.bulk_create(
            Sample(
                component=components[r.code], probed_at=probed_at, status=r.status, ms=r.ms, detail=r.detail
            )
            for r in results
        )
        # A minute back: the previous round's hour too, when this round starts a new one.
        uptime.roll_up(since=probed_at - dt.timedelta(minutes=1), until=probed_at)
        for r in results:
            self.stdout.write(f"{r.code:<10} {r.status:<8} {r.ms:>8.1f} ms  {r.detail}")
        failing = [r.code for r in results if r.status != probes.OK]
        self.stdout.write(f"{len(results)} probes, failing: {', '.join(failing) or 'none'}")
