"""Choices of maintenance notices, shared by the models, the admin form and the status page."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# What a notice may name as affected besides trainers (stored as codes in ``components``).
COMPONENT_CHOICES = [
    ("web", _("Website and catalogue")),
    ("launcher", _("Trainer launch (WebGL/VR)")),
    ("accounts", _("Sign-in and accounts")),
    ("downloads", _("Build downloads")),
    ("api", _("Public API")),
]
# The monitored components (support.monitoring) behind each of them: a notice naming "downloads" makes a
# storage failure during its window count as maintenance, not downtime. A whole-platform notice covers all.
MONITORED_BY = {
    "web": ("site", "search", "database", "cache"),
    "launcher": ("webgl", "storage"),
    "accounts": ("database",),
    "downloads": ("storage",),
    "api": ("site", "database"),
}


class NoticeKind(models.TextChoices):
    PLANNED = "planned", _("Planned maintenance")
    SECURITY = "security", _("Critical security update")


class NoticeImpact(models.TextChoices):
    MAINTENANCE = "maintenance", _("Unavailable (maintenance)")
    DEGRADED = "degraded", _("Degraded performance")


class NoticeState(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
