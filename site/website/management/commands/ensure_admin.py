"""``manage.py ensure_admin``: make sure the local superuser exists and print how to sign in.

For local development only (``make run``); refuses where ``DEMO_DATA_ALLOWED`` is off. The password
stays the same between runs, so a newcomer's browser keeps working after a restart: it is kept in
``var/admin-password`` (readable by its owner only, ignored by git) while it still signs the user in.
``--reset`` (``make run RESET_ADMIN=1``) makes a new one.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

PASSWORD_FILE = settings.BASE_DIR / "var" / "admin-password"


def kept_password(user):
    """The saved password while it still signs ``user`` in, else ``None``."""
    try:
        password = PASSWORD_FILE.read_text().strip()
    except OSError:
        return None
    return password if password and user.check_password(password) else None


def keep_password(password):
    PASSWORD_FILE.parent.mkdir(parents=True, exist_ok=True)
    PASSWORD_FILE.touch(mode=0o600)
    PASSWORD_FILE.chmod(0o600)
    PASSWORD_FILE.write_text(password + "\n")


class Command(BaseCommand):
    help = "Create the local 'admin' superuser (or keep it) and print its address and password."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--reset", action="store_true", help="Give the user a new password.")

    def handle(self, *args, username, reset, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", True):
            raise CommandError("ensure_admin is for development only.")
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": "admin@example.com"}
        )
        password = None if (created or reset) else kept_password(user)
        if password is None:
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            keep_password(password)
            note = "new user" if created else "new password"
        else:
            note = "same as last time; make run RESET_ADMIN=1 makes a new one"
        user.is_staff = user.is_superuser = True
        user.save()
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        rule = "-" * 72
        self.stdout.write(
            f"{rule}\n"
            f"  Site:      {base}/ru/  ({base}/en/ in English)\n"
            f"  Admin:     {base}/admin/\n"
            f"  User:      {username}\n"
            f"  Password:  {password}   ({note})\n"
            f"{rule}"
        )
