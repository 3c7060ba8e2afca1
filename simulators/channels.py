"""Release channels: promote, widen, roll back, withdraw, mark critical; the rollout maths; and the
cached state of a trainer's channels on a platform that the update manifest answers from.

Every action changes rows in one transaction and writes a ``ChannelEvent`` with its actor. Channels
and builds are declared in ``SimulatorsConfig.invalidates_cache``, so a change starts a new content
generation and the manifest and the trainer page answer from the new state at once.
"""

import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.cache import cached

from .models import BuildStatus, ReleaseNotePage, SimulatorBuild
from .models.channels import ChannelEvent, ReleaseChannel

STABLE = "stable"
# Rollout buckets: a device falls in one of 10,000, so a percentage may have two decimals' grain later
# without moving any device.
BUCKETS = 10_000


class ChannelError(ValueError):
    """An action the channel's state does not allow (the message is user-facing)."""


def version_key(version):
    """A sortable key of a semantic version: its numbers, a release after its pre-releases."""
    core, _sep, pre = version.split("+")[0].partition("-")
    try:
        numbers = tuple(int(part) for part in core.split("."))
    except ValueError:
        return ((), 0, version)
    return (numbers, 0 if pre else 1, pre)


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


def _record(channel, action, build, actor):
    ChannelEvent.objects.create(
        channel=channel, action=action, build=build, rollout_percent=channel.rollout_percent, actor=actor
    )


def _require_published(build):
    if build.status != BuildStatus.PUBLISHED or not build.verified_at:
        raise ChannelError(_("Only a published, verified build can be offered on a channel."))


def _locked(trainer, platform, name):
    # Only the channel row is locked: PostgreSQL locks no row of a nullable join (the builds).
    return (
        ReleaseChannel.objects.select_for_update(of=("self",))
        .select_related("trainer", "build", "previous_build")
        .filter(trainer=trainer, platform=platform, name=name)
        .order_by()
        .first()
    )


@transaction.atomic
def promote(build, name, actor=None, percent=100):
    """Offer ``build`` on channel ``name`` of its trainer and platform to ``percent`` % of devices; the
    build it replaces stays for the others and is what a rollback returns to."""
    _require_published(build)
    if not 1 <= percent <= 100:
        raise ChannelError(_("The rollout is a percentage from 1 to 100."))
    channel = _locked(build.trainer_id, build.platform, name)
    if channel is None:
        channel = ReleaseChannel(trainer=build.trainer, platform=build.platform, name=name)
    elif channel.build_id == build.pk:
        raise ChannelError(_("This channel already offers this build."))
    else:
        channel.previous_build = channel.build
    channel.build = build
    channel.rollout_percent = percent
    channel.updated_at = timezone.now()
    channel.save()
    _record(channel, ChannelEvent.Action.PROMOTE, build, actor)
    return channel


@transaction.atomic
def widen(channel, percent, actor=None):
    """Raise the share of devices the channel's build is offered to (a rollout never narrows: a device
    that installed the build would be told to go back)."""
    channel = _locked(channel.trainer_id, channel.platform, channel.name)
    if not channel.rollout_percent < percent <= 100:
        raise ChannelError(
            _("The rollout can only be raised: from more than %(current)s %% up to 100 %%.")
            % {"current": channel.rollout_percent}
        )
    channel.rollout_percent = percent
    channel.updated_at = timezone.now()
    channel.save(update_fields=["rollout_percent", "updated_at"])
    _record(channel, ChannelEvent.Action.STAGE, channel.build, actor)
    return channel


def _earlier_build(channel, exclude):
    """The build the channel offered before its previous one, still published (for a second rollback)."""
    events = ChannelEvent.objects.filter(
        channel=channel, action=ChannelEvent.Action.PROMOTE, build__status=BuildStatus.PUBLISHED
    ).exclude(build__in=exclude)
    event = events.select_related("build").first()
    return event.build if event else None


def _move_back(channel):
    channel.build = channel.previous_build
    channel.previous_build = _earlier_build(channel, [channel.build_id])
    channel.rollout_percent = 100
    channel.updated_at = timezone.now()
    channel.save()


@transaction.atomic
def roll_back(channel, actor=None):
    """Offer the previous build again to every device of the channel; devices that installed the
    newer one are told to go back to it."""
    channel = _locked(channel.trainer_id, channel.platform, channel.name)
    if channel.previous_build is None or channel.previous_build.status != BuildStatus.PUBLISHED:
        raise ChannelError(_("This channel has no previous published build to roll back to."))
    _move_back(channel)
    _record(channel, ChannelEvent.Action.ROLLBACK, channel.build, actor)
    return channel


def withdraw(build, actor=None, message=""):
    """Withdraw a published build (inside the caller's transaction): each channel offering it moves
    back to its previous build (or offers nothing), and one that kept it as previous forgets it."""
    build.status = BuildStatus.WITHDRAWN
    build.status_message = message
    build.save(update_fields=["status", "status_message"])
    offering = ReleaseChannel.objects.select_for_update(of=("self",)).select_related(
        "trainer", "previous_build"
    )
    for channel in offering.filter(build=build).order_by():
        if channel.previous_build is not None and channel.previous_build.status == BuildStatus.PUBLISHED:
            _move_back(channel)
        else:
            channel.build = None
            channel.previous_build = None
            channel.rollout_percent = 100
            channel.save()
        _record(channel, ChannelEvent.Action.WITHDRAW, build, actor)
    for channel in ReleaseChannel.objects.select_related("trainer").filter(previous_build=build):
        channel.previous_build = _earlier_build(channel, [build.pk, channel.build_id])
        channel.save(update_fields=["previous_build"])


@transaction.atomic
def mark_critical(build, actor=None):
    """Mark a build a critical security update: offered to every device of its channels at once."""
    if build.is_critical:
        raise ChannelError(_("This build is already marked critical."))
    build.is_critical = True
    build.save(update_fields=["is_critical"])
    for channel in ReleaseChannel.objects.select_related("trainer").filter(build=build):
        _record(channel, ChannelEvent.Action.CRITICAL, build, actor)


def start_stable(build, actor=None):
    """Start the stable channel of the build's trainer and platform with it when there is none yet (the
    first published build), so the public download works as soon as a build is published."""
    exists = ReleaseChannel.objects.filter(trainer=build.trainer_id, platform=build.platform, name=STABLE)
    if not exists.exists():
        promote(build, STABLE, actor)


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
