"""The fleet inventory: the latest state of every installed trainer that asked for updates, and daily
counts. No personal data: a device is its installation's id, model and firmware, never a person."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Platform


class Mode(models.TextChoices):
    ONLINE = "online", _("Online")
    OFFLINE = "offline", _("Offline")


class DeviceState(models.Model):
    """The latest manifest request of one device of a customer for one trainer and platform."""

    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.CASCADE, related_name="+"
    )
    # The trainer in any language (its pages' translation key): the inventory outlives a page's move.
    trainer_key = models.UUIDField(_("trainer"), db_index=True)
    platform = models.CharField(_("platform"), max_length=32, choices=Platform.choices)
    device_id = models.CharField(_("device id"), max_length=64)
    model = models.CharField(_("device model"), max_length=64, blank=True)
    firmware = models.CharField(_("firmware"), max_length=64, blank=True)
    version = models.CharField(_("installed version"), max_length=64, blank=True)
    channel = models.CharField(_("channel"), max_length=16)
    mode = models.CharField(_("mode"), max_length=8, choices=Mode.choices, default=Mode.ONLINE)
    last_seen = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("device")
        verbose_name_plural = _("devices")
        ordering = ["-last_seen"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "trainer_key", "platform", "device_id"], name="simulators_device_unique"
            ),
        ]

    def __str__(self):
        return self.device_id


class DailyFleetCount(models.Model):
    """Per Moscow day, customer, trainer, platform and version: devices seen and manifest requests."""

    day = models.DateField(_("day"))
    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.CASCADE, related_name="+"
    )
    trainer_key = models.UUIDField(_("trainer"))
    platform = models.CharField(_("platform"), max_length=32, choices=Platform.choices)
    version = models.CharField(_("installed version"), max_length=64, blank=True)
    devices = models.PositiveIntegerField(_("devices"), default=0)
    requests = models.PositiveIntegerField(_("requests"), default=0)

    class Meta:
        verbose_name = _("daily fleet count")
        verbose_name_plural = _("daily fleet counts")
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "customer", "trainer_key", "platform", "version"],
                name="simulators_fleet_day_unique",
            ),
        ]

    def __str__(self):
        return f"{self.day} {self.version}: {self.devices}"
