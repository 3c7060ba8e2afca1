"""Send due maintenance reminders and "works completed" messages; idempotent, run it every few minutes."""

from django.core.management.base import BaseCommand

from support.status import notify


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        results = notify.tick()
        self.stdout.write(f"reminders: {results['reminders']}, completed: {results['completed']}")
