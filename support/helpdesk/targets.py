"""Response targets: the first response is due ``SUPPORT_FIRST_RESPONSE_HOURS`` working hours after a
report arrives (the Russian production calendar, Moscow working hours), or, for a report filed during
a major incident, ``SUPPORT_MAJOR_INCIDENT_RESPONSE_HOURS`` around the clock.

Hook called here (answered by the status app, which owns the production calendar; the helpdesk never
imports it; with no app answering, the hours count around the clock):

``vt_working_deadline``: ``fn(start: datetime, hours: int | float) -> datetime``, the moment ``hours``
    of working time after ``start``.
"""

from datetime import timedelta

from django.conf import settings
from wagtail import hooks

WORKING_DEADLINE_HOOK = "vt_working_deadline"


def working_deadline(start, hours):
    for fn in hooks.get_hooks(WORKING_DEADLINE_HOOK):
        return fn(start, hours)
    return start + timedelta(hours=hours)


def first_response_due(created_at, incident: dict | None = None):
    """When the first response to a report filed at ``created_at`` (during ``incident``) is due."""
    if incident and incident.get("impact") == "major":
        return created_at + timedelta(hours=settings.SUPPORT_MAJOR_INCIDENT_RESPONSE_HOURS)
    return working_deadline(created_at, settings.SUPPORT_FIRST_RESPONSE_HOURS)
