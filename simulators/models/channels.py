"""Release channels: per trainer and platform, each channel name points at a published build, offered
to a percentage of devices while it rolls out; every change is an event with its actor and time."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from customers.choices import Channel

from .builds import Platform


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
    rollout_percent = models.PositiveSmallIntegerField(_("rollout, % of devices"), default=100)
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
    rollout_percent = models.PositiveSmallIntegerField(_("rollout, % of devices"))
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
