"""Background work of maintenance notices (django-tasks)."""

from django_tasks import task

from support.status import notify
from support.status.models import MaintenanceNoticePage


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
