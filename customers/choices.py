"""Choices other apps read without importing the models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """A release channel name. Each trainer has its own channels of these names (``simulators``)."""

    STABLE = "stable", _("Stable")
    PILOT = "pilot", _("Pilot")
    BETA = "beta", _("Beta")
