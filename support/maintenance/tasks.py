"""Background work of maintenance notices (django-tasks)."""

from django_tasks import task


@task()
def announce_notice(page_id):
    """Notify subscribers about a freshly published notice revision (if it changed materially)."""
    from support.maintenance import notify
    from support.maintenance.models import MaintenanceNoticePage

    notice = MaintenanceNoticePage.objects.filter(pk=page_id).first()
    if notice is not None:
        notify.on_publish(notice)


@task()
def maintenance_tick():
    """Reminders before windows and "works completed" messages (see ``manage.py maintenance_tick``)."""
    from support.maintenance import notify

    return notify.tick()
