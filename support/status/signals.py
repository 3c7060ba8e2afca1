"""What happens when a maintenance notice is published, unpublished or deleted (connected by
``StatusConfig.ready``): the banner is dropped, subscribers are told (after commit), and the apps that
keep something derived from the notices are told through the ``vt_maintenance_changed`` hook.

``vt_maintenance_changed``: ``fn() -> None``, called after any change of the live maintenance notices
(publish, unpublish, delete). The helpdesk registers one that drops its snapshot of the windows.
"""

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail import hooks
from wagtail.signals import page_published, page_unpublished

from support.status import banner
from support.status.models import MaintenanceNoticePage
from support.status.tasks import announce_notice

CHANGED_HOOK = "vt_maintenance_changed"


def notices_changed():
    banner.forget()
    for fn in hooks.get_hooks(CHANGED_HOOK):
        fn()


def _published(sender, instance, **kwargs):
    notices_changed()
    transaction.on_commit(lambda: announce_notice.enqueue(instance.pk))


def _changed(sender, instance, **kwargs):
    notices_changed()


def connect():
    page_published.connect(_published, sender=MaintenanceNoticePage, dispatch_uid="maintenance_published")
    page_unpublished.connect(_changed, sender=MaintenanceNoticePage, dispatch_uid="maintenance_unpublished")
    post_delete.connect(_changed, sender=MaintenanceNoticePage, dispatch_uid="maintenance_deleted")
