"""Deliver every due outbox row: run it periodically (cron/systemd timer) or with ``--loop``."""

import time

from django.core.management.base import BaseCommand

from support.notifications.delivery import deliver_due


class Command(BaseCommand):
    help = "Deliver pending e-mail/SMS outbox messages whose next attempt is due."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="Rows per pass.")
        parser.add_argument(
            "--loop", type=int, default=0, metavar="SECONDS", help="Keep running, one pass every SECONDS."
        )

    def handle(self, *args, limit, loop, **options):
        while True:
            stats = deliver_due(limit=limit)
            self.stdout.write(f"sent={stats.sent} retrying={stats.retrying} failed={stats.failed}")
            if not loop:
                return
            time.sleep(loop)
