"""Background work: verifying uploaded builds (streams whole objects) and cleaning stale uploads."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .models import BuildStatus, SimulatorBuild
from .storage import get_store


@task()
def verify_build_task(build_id):
    from .services import verify_build

    build = SimulatorBuild.objects.filter(pk=build_id, status=BuildStatus.UPLOADING).first()
    if build is not None:
        verify_build(build)


def abort_stale_uploads(now=None):
    """Abort multipart uploads older than ``SIMULATORS_STALE_UPLOAD_HOURS``; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(hours=settings.SIMULATORS_STALE_UPLOAD_HOURS)
    store = get_store()
    aborted = 0
    for name, upload_id, initiated in list(store.list_multipart_uploads()):
        if initiated < cutoff:
            store.abort_multipart(name, upload_id)
            aborted += 1
    stale = SimulatorBuild.objects.filter(
        status=BuildStatus.UPLOADING, uploaded_at__lt=cutoff, verified_at=None
    )
    stale.delete()
    return aborted


@task()
def abort_stale_uploads_task():
    return abort_stale_uploads()
