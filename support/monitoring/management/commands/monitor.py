"""``manage.py monitor``: one round of probes, stored as samples and added to this hour's aggregates.

After the round is stored, the monitor tells the apps that act on it through the ``vt_monitor_round``
hook: ``fn(probed_at: datetime, statuses: dict[str, str]) -> None``, ``statuses`` being the round's
``{component code: "ok" | "degraded" | "down"}``. The status app answers it (it opens incidents after
repeated failures and marks them "monitoring" on recovery); the monitor never imports it. An answer that
fails is logged: the round's samples are already kept.
"""

import datetime as dt
import logging

from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail import hooks

from support.monitoring import probes, uptime
from support.monitoring.models import Sample

ROUND_HOOK = "vt_monitor_round"

logger = logging.getLogger(__name__)


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
        statuses = {r.code: r.status for r in results}
        for hook in hooks.get_hooks(ROUND_HOOK):
            try:
                hook(probed_at, statuses)
            except Exception:  # an app acting on the round must not lose the round's output
                logger.exception("%s hook %s failed", ROUND_HOOK, hook)
        for r in results:
            self.stdout.write(f"{r.code:<10} {r.status:<8} {r.ms:>8.1f} ms  {r.detail}")
        failing = [r.code for r in results if r.status != probes.OK]
        self.stdout.write(f"{len(results)} probes, failing: {', '.join(failing) or 'none'}")
