"""Choices of maintenance notices, shared by the models, the admin form and the status page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

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


class IncidentImpact(models.TextChoices):
    DEGRADED = "degraded", _("Degraded performance")
    PARTIAL = "partial", _("Partial outage")
    MAJOR = "major", _("Major outage")


class IncidentStatus(models.TextChoices):
    # In context: "Monitoring" is also the name of the monitoring app, "Resolved" a fault report's state.
    INVESTIGATING = "investigating", pgettext_lazy("incident status", "Investigating")
    IDENTIFIED = "identified", pgettext_lazy("incident status", "Identified")
    MONITORING = "monitoring", pgettext_lazy("incident status", "Monitoring")
    RESOLVED = "resolved", pgettext_lazy("incident status", "Resolved")


# The monitored components whose outage is an incident: what a user meets, and the database everything
# stands on. Internals (task queue, outbox, cache with its errors ignored) stay on /metrics.
REQUIRED_COMPONENTS = ("database", "site", "webgl", "storage", "search", "smtp", "sms")
# Components every trainer depends on (the site, launching, downloading): an incident on one of them
# affects every trainer, whichever trainers it names.
USER_FACING_COMPONENTS = ("database", "site", "webgl", "storage")
# An outage of these takes the whole site down: the monitor opens a major incident, else a partial one.
SITE_WIDE_COMPONENTS = ("database", "site")
