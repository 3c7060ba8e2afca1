"""What a trainer page shows about builds and release notes (used by the template tag)."""

from .models import SimulatorBuild
from .release_notes import latest_for_trainer
from .storage import storage_available


def _version_key(version):
    core = version.split("+")[0].split("-")[0]
    return tuple(int(part) for part in core.split("."))


def trainer_release_context(page, notes=3):
    """``builds`` (one per platform), ``current_version``, ``notes`` and ``storage_available``."""
    builds = list(SimulatorBuild.objects.for_trainer(page).published().order_by("platform"))
    current = max((b.version for b in builds), key=_version_key, default="")
    return {
        "builds": builds,
        "current_version": current,
        "notes": latest_for_trainer(page, notes),
        "storage_available": storage_available() if builds else True,
    }
