"""What a trainer page shows about builds and release notes (used by the template tag)."""

from core.cache import cached
from core.versions import version_key

from .channels import STABLE, offered_to_everyone
from .models import ReleaseChannel
from .release_notes import latest_for_trainer
from .storage import storage_available


def _releases(page, notes):
    # The public download is what the stable channel offers every device: a build still rolling out
    # to part of the devices is not handed to everyone on the site.
    channels = ReleaseChannel.objects.filter(
        trainer__translation_key=page.translation_key, name=STABLE
    ).select_related("build__trainer", "previous_build__trainer")
    offered = (offered_to_everyone(channel) for channel in channels.order_by("platform"))
    builds = [build for build in offered if build is not None]
    return {
        "builds": builds,
        "current_version": max((b.version for b in builds), key=version_key, default=""),
        "notes": latest_for_trainer(page, notes),
    }


def trainer_release_context(page, notes=3):
    """``builds`` (one per platform: the stable channel's), ``current_version``, ``notes`` and
    ``storage_available``.

    Publishing a release note and saving a build (declared in ``SimulatorsConfig.invalidates_cache``)
    start a new content generation, so both are cached per trainer; whether storage answers is asked
    every time."""
    context = cached(f"trainer-releases:{page.pk}:{notes}", lambda: _releases(page, notes))
    context["storage_available"] = storage_available() if context["builds"] else True
    return context
