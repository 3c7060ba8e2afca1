"""Every model of the support app, re-exported so Django finds them (one import line per sub-package)."""

from support.notifications.models import OutboxMessage  # noqa: F401
