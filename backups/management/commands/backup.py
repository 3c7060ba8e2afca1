"""``manage.py backup [--if-due] [--prune-only]``: write a backup of the database and the stored
objects into BACKUP_DIR, then prune old ones (see backups/service.py)."""

from django.core.management.base import BaseCommand, CommandError

from backups import service
from backups.database import DatabaseError


class Command(BaseCommand):
    help = "Back up the database and the stored objects, then prune backups by the retention policy."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-due",
            action="store_true",
            help="Only when the newest backup is older than BACKUP_INTERVAL_HOURS (the scheduler's call).",
        )
        parser.add_argument("--prune-only", action="store_true", help="Apply the retention policy only.")

    def handle(self, *args, if_due, prune_only, **options):
        try:
            if prune_only:
                service.prune(self.stdout.write)
                return
            if if_due and not service.is_due():
                self.stdout.write("backup not due yet")
                return
            folder = service.make_backup(self.stdout.write)
        except service.BackupBusy as error:
            if not if_due:
                raise CommandError(str(error)) from error
            # The scheduler calls again every few minutes while a long backup runs: not a failure.
            self.stdout.write(str(error))
            return
        except (service.BackupError, DatabaseError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(str(folder)))
