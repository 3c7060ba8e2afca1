"""``manage.py abort_stale_uploads``: abort multipart uploads that were started over a day ago."""

from django.core.management.base import BaseCommand, CommandError

from simulators.services import abort_stale_uploads
from simulators.storage import StorageUnavailable


class Command(BaseCommand):
    help = (
        "Abort incomplete multipart uploads older than SIMULATORS_STALE_UPLOAD_HOURS and drop their builds."
    )

    def handle(self, **options):
        try:
            count = abort_stale_uploads()
        except StorageUnavailable as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"aborted {count} stale multipart upload(s)")
