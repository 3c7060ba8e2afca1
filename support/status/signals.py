"""What happens when a maintenance notice is published (connected by ``StatusConfig.ready``):
subscribers are told, after commit. What is cached from the notices (the banner, the helpdesk's
snapshot of the windows) goes with the content generation that publishing starts (``core.cache``).
"""

from django.db import transaction
from wagtail.signals import page_published

from support.status.models import MaintenanceNoticePage
from support.status.tasks import announce_notice


def _published(sender, instance, **kwargs):
    transaction.on_commit(lambda: announce_notice.enqueue(instance.pk))


def connect():
    page_published.connect(_published, sender=MaintenanceNoticePage, dispatch_uid="maintenance_published")
