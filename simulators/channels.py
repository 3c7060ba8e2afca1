"""Release channels as the update manifest reads them: the rollout maths and the cached state of a
trainer's channels on a platform. The actions that change channels (promote, widen, roll back,
withdraw, mark critical) live with the models (``models.channels``) and are re-exported here for the
admin. Channels and builds are declared in ``SimulatorsConfig.invalidates_cache``, so an action
starts a new content generation and the manifest and the trainer page answer from the new state at
once. Versions are ordered by ``core.versions.version_key``.
"""

import hashlib

from core.cache import cached

from .models import BuildStatus, ReleaseChannel, ReleaseNotePage, SimulatorBuild
from .models.channels import STABLE, ChannelError, mark_critical, promote, roll_back, widen

__all__ = [
    "STABLE",
    "ChannelError",
    "in_rollout",
    "mark_critical",
    "offered",
    "offered_to_everyone",
    "promote",
    "roll_back",
    "rollout_bucket",
    "state",
    "widen",
]
# Rollout buckets: a device falls in one of 10,000, so a percentage may have two decimals' grain later
# without moving any device.
BUCKETS = 10_000


def rollout_bucket(trainer_key, device_id):
    """The device's fixed place (0 to 9,999) in the rollouts of a trainer: a hash of both, so a device
    stays inside a rollout as its percentage is raised, and trainers roll out to different devices."""
    digest = hashlib.sha256(f"{trainer_key}:{device_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % BUCKETS


def in_rollout(trainer_key, device_id, percent):
    return rollout_bucket(trainer_key, device_id) < percent * BUCKETS // 100


# The channel state's cache scope: nothing publishes it, so the state stays cached when a trainer page
# is published (that moves only the catalogue's and the page's scopes) and goes with every other change.
SCOPE = "updates"


# The state the manifest answers from ---------------------------------------------------------------


def _summaries(note_id):
    """The release note's summary in each language it is published in ({language: text})."""
    if note_id is None:
        return {}
    note = ReleaseNotePage.objects.filter(pk=note_id).first()
    if note is None:
        return {}
    translations = ReleaseNotePage.objects.live().filter(translation_key=note.translation_key)
    return {page.locale.language_code: page.summary for page in translations.select_related("locale")}


def _describe(build):
    if build is None:
        return None
    return {
        "id": build.pk,
        "version": build.version,
        "size": build.size,
        "sha256": build.sha256,
        "object_key": build.object_key,
        "filename": build.download_filename,
        "critical": build.is_critical,
        "notes": _summaries(build.release_note_id),
    }


def _compute_state(trainer_key, platform):
    channels = ReleaseChannel.objects.select_related("build__trainer", "previous_build__trainer").filter(
        trainer__translation_key=trainer_key, platform=platform
    )
    withdrawn = SimulatorBuild.objects.filter(
        trainer__translation_key=trainer_key, platform=platform, status=BuildStatus.WITHDRAWN
    )
    return {
        "channels": {
            channel.name: {
                "build": _describe(channel.build),
                "previous": _describe(channel.previous_build),
                "percent": channel.rollout_percent,
            }
            for channel in channels
        },
        "withdrawn": sorted(withdrawn.values_list("version", flat=True)),
    }


def state(trainer_key, platform):
    """What each channel of the trainer offers on ``platform`` and which versions are withdrawn,
    cached until a channel of theirs changes."""
    trainer_key = str(trainer_key)
    return cached(
        f"channels:{trainer_key}:{platform}",
        lambda: _compute_state(trainer_key, platform),
        scopes=[SCOPE],
    )


def offered(channel_state, trainer_key, device_id):
    """The build (described) a channel offers the device: its build when the rollout reached the device
    or the build is critical, else the previous one; None when the channel offers nothing."""
    build, previous = channel_state["build"], channel_state["previous"]
    if build is None:
        return None
    if build["critical"] or previous is None or in_rollout(trainer_key, device_id, channel_state["percent"]):
        return build
    return previous


def offered_to_everyone(channel):
    """The build of a channel row every device gets: its build once fully rolled out or critical, the
    previous one meanwhile (the public download follows the stable channel this way)."""
    if channel.build is None:
        return None
    if channel.rollout_percent == 100 or channel.build.is_critical or channel.previous_build is None:
        return channel.build
    return channel.previous_build
