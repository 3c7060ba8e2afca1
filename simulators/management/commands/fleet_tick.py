"""``manage.py fleet_tick``: write the buffered manifest requests to the fleet inventory (every minute)."""

from django.core.management.base import BaseCommand

from simulators.fleet import flush


class Command(BaseCommand):
    help = "Write the manifest requests buffered in the cache to the fleet inventory (run every minute)."

    def handle(self, **options):
        self.stdout.write(f"recorded {flush()} manifest request(s)")
