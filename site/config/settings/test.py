"""Test settings: fast hashing, inline tasks, in-memory mail. Services come from the environment.

With no variables set this is SQLite, local memory cache, local files and database search (the fast
tier). ``scripts/services env`` exports the variables that point the same settings at PostgreSQL,
Redis, S3Proxy and Elasticsearch for the integration tier.
"""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, REDIS_URL, STORAGES

SECRET_KEY = "test-only-secret-key-not-for-production-0123456789abcdef"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SMS_BACKEND = "console"
SMS_OUTBOX_DIR = BASE_DIR / "var" / "test-sms"
# Hashed static names need collectstatic; tests render templates without it.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    MEDIA_ROOT = BASE_DIR / "var" / "test-media"
    STORAGES["default"] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    STORAGES["private"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(BASE_DIR / "var" / "test-private"), "base_url": None},
    }
if DATABASES["default"]["ENGINE"].endswith(".sqlite3"):
    # pytest-django tells SQLite by Django's own engine name, not django-prometheus's wrapper of it: it
    # would give each parallel worker a test database file named after db.sqlite3's path. Named
    # in-memory, each worker keeps its own database in its own process.
    DATABASES["default"].setdefault("TEST", {})["NAME"] = ":memory:"
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "vt-test")
ADMIN_LOGIN_RATE = "1000/m"
if not REDIS_URL:
    # django-ratelimit's check refuses the local-memory cache, where each process counts on its own;
    # the fast tier is one process per test worker (``manage.py`` subprocesses of tests run checks).
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
# The local-memory cache outlives a test's database; tests that need the page cache switch it on.
PAGE_CACHE_ENABLED = False
