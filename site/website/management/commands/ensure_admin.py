"""``manage.py ensure_admin``: make sure a superuser exists and print a freshly generated password.

For local development only (``make run``); refuses where ``DEMO_DATA_ALLOWED`` is off.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create or reset the local 'admin' superuser and print its new password."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", True):
            raise CommandError("ensure_admin is for development only.")
        password = secrets.token_urlsafe(12)
        user, _created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": "admin@example.com"}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write(f"Admin: {base}/admin/  user: {username}  password: {password}")
