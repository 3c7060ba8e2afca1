"""Release channels: per trainer and platform, each channel name points at a published build, offered
to a percentage of devices while it rolls out; every change is an event with its actor and time.

The actions below change channels in one transaction each and record a ``ChannelEvent``.
"""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from customers.choices import Channel

from .choices import BuildStatus, Platform

STABLE = Channel.STABLE.value


class ReleaseChannel(models.Model):
    """What one channel of a trainer offers on a platform.

    ``build`` goes to the ``rollout_percent`` of devices its rollout has reached (every device when
    the build is critical), ``previous_build`` to the others; withdrawing or rolling back moves the
    channel back to ``previous_build``.
    """

    # Builds point at one translation of a trainer page; the channel points at the same one.
    trainer = models.ForeignKey(
        "catalogue.SimulatorPage", verbose_name=_("trainer"), on_delete=models.PROTECT, related_name="+"
    )
    platform = models.CharField(_("platform"), max_length=32, choices=Platform.choices)
    name = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    build = models.ForeignKey(
        "simulators.SimulatorBuild",
        verbose_name=_("build"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    previous_build = models.ForeignKey(
        "simulators.SimulatorBuild",
        verbose_name=_("previous build"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rollout_percent = models.PositiveSmallIntegerField(_("rollout, percent of devices"), default=100)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("release channel")
        verbose_name_plural = _("release channels")
        ordering = ["trainer__title", "platform", "name"]
        constraints = [
            models.UniqueConstraint(fields=["trainer", "platform", "name"], name="simulators_channel_unique"),
            models.CheckConstraint(
                condition=models.Q(rollout_percent__gte=1, rollout_percent__lte=100),
                name="simulators_channel_percent",
            ),
        ]

    def __str__(self):
        return f"{self.trainer.title} · {self.get_platform_display()} · {self.get_name_display()}"


class ChannelEvent(models.Model):
    """One change of a channel: who did what, when, with which build."""

    class Action(models.TextChoices):
        PROMOTE = "promote", _("Promoted")
        STAGE = "stage", _("Rollout widened")
        ROLLBACK = "rollback", _("Rolled back")
        WITHDRAW = "withdraw", _("Build withdrawn")
        CRITICAL = "critical", _("Marked critical")

    channel = models.ForeignKey(
        ReleaseChannel, verbose_name=_("channel"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    build = models.ForeignKey(
        "simulators.SimulatorBuild",
        verbose_name=_("build"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rollout_percent = models.PositiveSmallIntegerField(_("rollout, percent of devices"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("channel event")
        verbose_name_plural = _("channel events")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.channel} · {self.get_action_display()}"


# Actions ---------------------------------------------------------------------------------------------


class ChannelError(ValueError):
    """An action the channel's state does not allow (the message is user-facing)."""


def _record(channel, action, build, actor):
    ChannelEvent.objects.create(
        channel=channel, action=action, build=build, rollout_percent=channel.rollout_percent, actor=actor
    )


def _require_published(build):
    if build.status != BuildStatus.PUBLISHED or not build.verified_at:
        raise ChannelError(gettext("Only a published, verified build can be offered on a channel."))


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
        raise ChannelError(gettext("The rollout is a percentage from 1 to 100."))
    channel = _locked(build.trainer_id, build.platform, name)
    if channel is None:
        channel = ReleaseChannel(trainer=build.trainer, platform=build.platform, name=name)
    elif channel.build_id == build.pk:
        raise ChannelError(gettext("This channel already offers this build."))
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
            gettext("The rollout can only be raised: from more than %(current)s %% up to 100 %%.")
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
        raise ChannelError(gettext("This channel has no previous published build to roll back to."))
    _move_back(channel)
    _record(channel, ChannelEvent.Action.ROLLBACK, channel.build, actor)
    return channel


def withdraw_build(build, actor=None, message=""):
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
        raise ChannelError(gettext("This build is already marked critical."))
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
