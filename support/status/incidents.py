"""What happens to incidents: opening one, posting updates to its timeline, and telling the other apps.

Every change goes through :func:`open_incident` or :func:`post_update`, which keep the incident's status
and resolution time in step with its timeline and, once the transaction commits, call the
``vt_incident_event`` hooks.

Hooks called here (the helpdesk answers them; it never imports the status app):

- ``vt_incident_event``: ``fn(event: str, incident: dict) -> None``, called after commit whenever an
  incident is opened, gets a public update, moves to monitoring or is resolved. ``event`` is one of
  ``"opened"``, ``"updated"``, ``"monitoring"``, ``"resolved"``; ``incident`` is the dict of
  :func:`payload`: ``id``, ``title_ru``, ``title_en``, ``impact`` (degraded/partial/major), ``status``
  (investigating/identified/monitoring/resolved), ``component_codes`` (``monitoring.Component.code``),
  ``trainer_keys`` (translation keys of the affected trainers, as str), ``url_ru``, ``url_en`` (absolute
  paths of the public incident page), ``message_ru``, ``message_en`` (the update's text),
  ``resolve_reports`` (only true on ``"resolved"`` when staff asked to resolve the linked fault
  reports) and ``opened_by_monitor``. A failing answer is logged; it never undoes the incident.
- ``vt_incident_report_count``: ``fn(incident_id: int) -> int``, the open fault reports linked to the
  incident, asked by the admin before the resolve action offers to resolve them. With no app
  answering, 0.
"""

import logging

from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from support.status.choices import IncidentStatus
from support.status.models.incidents import Incident, IncidentUpdate
from support.status.tasks import announce_incident_update

EVENT_HOOK = "vt_incident_event"
REPORT_COUNT_HOOK = "vt_incident_report_count"
OPENED, UPDATED, MONITORING, RESOLVED = "opened", "updated", "monitoring", "resolved"

logger = logging.getLogger(__name__)


def event_of(status):
    """The event a new update of ``status`` announces (after the first one, which opens)."""
    return {IncidentStatus.MONITORING: MONITORING, IncidentStatus.RESOLVED: RESOLVED}.get(status, UPDATED)


def open_incident(
    *,
    title_ru,
    title_en,
    impact,
    message_ru,
    message_en,
    components=(),
    trainers=(),
    status=IncidentStatus.INVESTIGATING,
    author=None,
    started_at=None,
    opened_by_monitor=False,
):
    """A new incident with its first update; fires ``opened`` after commit."""
    now = timezone.now()
    with transaction.atomic():
        incident = Incident.objects.create(
            title_ru=title_ru,
            title_en=title_en,
            impact=impact,
            status=status,
            started_at=started_at or now,
            opened_by_monitor=opened_by_monitor,
        )
        incident.components.set(components)
        incident.trainers.set(trainers)
        first_update(incident, status, message_ru, message_en, author=author, at=now)
    return incident


def first_update(incident, status, message_ru, message_en, *, author=None, at=None):
    """The opening entry of a just-saved incident (the admin's create form saves the incident itself)."""
    update = _append(incident, status, message_ru, message_en, author=author, at=at)
    announce(OPENED, incident, update)
    return update


def post_update(incident, status, message_ru, message_en, *, author=None, at=None, resolve_reports=False):
    """Append an update to the public timeline; the incident takes its status (resolved: its time)."""
    with transaction.atomic():
        update = _append(incident, status, message_ru, message_en, author=author, at=at)
        event = event_of(status)
        announce(event, incident, update, resolve_reports=resolve_reports and event == RESOLVED)
    return update


def _append(incident, status, message_ru, message_en, *, author, at):
    update = IncidentUpdate.objects.create(
        incident=incident,
        status=status,
        message_ru=message_ru,
        message_en=message_en,
        author=author,
        posted_at=at or timezone.now(),
    )
    _follow(incident, update)
    return update


def _follow(incident, update):
    incident.status = update.status
    incident.resolved_at = update.posted_at if update.status == IncidentStatus.RESOLVED else None
    # Through save(): the incident is a declared model of the app, so the content generation moves on.
    incident.save(update_fields=["status", "resolved_at", "updated_at"])


def payload(incident, update, *, resolve_reports=False):
    """The incident as the ``vt_incident_event`` hooks receive it (see the module docstring)."""
    return {
        "id": incident.pk,
        "title_ru": incident.title_ru,
        "title_en": incident.title_en,
        "impact": incident.impact,
        "status": incident.status,
        "component_codes": sorted(incident.components.values_list("code", flat=True)),
        "trainer_keys": sorted(
            {str(key) for key in incident.trainers.values_list("translation_key", flat=True)}
        ),
        "url_ru": incident.url("ru"),
        "url_en": incident.url("en"),
        "message_ru": update.message_ru,
        "message_en": update.message_en,
        "resolve_reports": resolve_reports,
        "opened_by_monitor": incident.opened_by_monitor,
    }


def announce(event, incident, update, *, resolve_reports=False):
    """Call the ``vt_incident_event`` hooks and queue the subscribers' messages once the transaction
    commits."""
    transaction.on_commit(lambda: _announce(event, incident.pk, update.pk, resolve_reports))


def _announce(event, incident_id, update_id, resolve_reports):
    update = IncidentUpdate.objects.select_related("incident").filter(pk=update_id).first()
    if update is None:  # deleted (with its incident, by a superuser) before the commit was announced
        return
    incident = update.incident
    data = payload(incident, update, resolve_reports=resolve_reports)
    for fn in hooks.get_hooks(EVENT_HOOK):
        try:
            fn(event, dict(data))
        except Exception:  # another app's failure must not undo or hide the incident
            logger.exception("%s hook %s failed for incident %s", EVENT_HOOK, fn, incident_id)
    announce_incident_update.enqueue(update_id)


def linked_report_count(incident):
    """The open fault reports linked to ``incident`` (``vt_incident_report_count``; 0 with no answer)."""
    return sum(int(fn(incident.pk) or 0) for fn in hooks.get_hooks(REPORT_COUNT_HOOK))
