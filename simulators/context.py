"""What a trainer page shows about builds and release notes (used by the template tag)."""

from core.cache import cached

from .models import SimulatorBuild
from .release_notes import latest_for_trainer
from .storage import storage_available


def _version_key(version):
    core = version.split("+")[0].split("-")[0]
    return tuple(int(part) for part in core.split("."))


def _releases(page, notes):
    builds = list(SimulatorBuild.objects.for_trainer(page).published().order_by("platform"))
    return {
        "builds": builds,
        "current_version": max((b.version for b in builds), key=_version_key, default=""),
        "notes": latest_for_trainer(page, notes),
    }


def trainer_release_context(page, notes=3):
    """``builds`` (one per platform), ``current_version``, ``notes`` and ``storage_available``.

    Publishing a release note and saving a build (declared in ``SimulatorsConfig.invalidates_cache``)
    start a new content generation, so both are cached per trainer; whether storage answers is asked
    every time."""
    context = cached(f"trainer-releases:{page.pk}:{notes}", lambda: _releases(page, notes))
    context["storage_available"] = storage_available() if context["builds"] else True
    return context
