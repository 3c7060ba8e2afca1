"""Background work: verifying uploaded builds (streams whole objects)."""

from django_tasks import task

from .models import BuildStatus, SimulatorBuild
from .verification import verify_build


@task()
def verify_build_task(build_id):
    build = SimulatorBuild.objects.filter(pk=build_id, status=BuildStatus.UPLOADING).first()
    if build is not None:
        verify_build(build)
