"""``manage.py restore <backup> [--force]``: rebuild the configured database and storages from a
backup (a folder, an id of BACKUP_DIR, or ``latest``), then re-create the search indexes."""

from django.core.management.base import BaseCommand, CommandError

from backups import service
from backups.database import DatabaseError


class Command(BaseCommand):
    help = "Restore a backup into an empty database and empty storages, verify it and rebuild search."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="A backup folder, its id in BACKUP_DIR, or 'latest'.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite a database or storage that is not empty (objects the backup lacks stay).",
        )

    def handle(self, *args, backup, force, **options):
        try:
            service.restore_backup(backup, force=force, write=self.stdout.write)
        except (service.BackupError, DatabaseError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("restored"))
