"""Local development: DEBUG on, everything else as in ``base``."""

from config.env import env_bool

from .base import *  # noqa: F403
from .base import DATABASES, REDIS_URL

DEBUG = env_bool("DEBUG", True)
SILENCED_SYSTEM_CHECKS = []
if not REDIS_URL:
    # django-ratelimit's check refuses the local-memory cache, where each process counts on its own.
    # runserver is one process: its counts are exact. (Production refuses to start without Redis.)
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003", "django_ratelimit.W001"]
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The search table's covering index lists extra columns for PostgreSQL; SQLite builds it without
    # them, as it should, and the warning about that met every newcomer on every command.
    SILENCED_SYSTEM_CHECKS += ["models.W040"]
