"""Background work of maintenance notices and incidents (django-tasks)."""

from django_tasks import task

from support.status import notify
from support.status.models import IncidentUpdate, MaintenanceNoticePage


@task()
def announce_notice(page_id):
    """Notify subscribers about a freshly published notice revision (if it changed materially)."""
    notice = MaintenanceNoticePage.objects.filter(pk=page_id).first()
    if notice is not None:
        notify.on_publish(notice)


@task()
def maintenance_tick():
    """Reminders before windows and "works completed" messages (see ``manage.py maintenance_tick``)."""
    return notify.tick()


@task()
def announce_incident_update(update_id):
    """Tell the subscribers concerned about a posted incident update."""
    update = IncidentUpdate.objects.select_related("incident").filter(pk=update_id).first()
    if update is not None:
        notify.incident_update(update)
