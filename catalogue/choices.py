"""Value sets of trainer fields that the models, the listing's filters and the API share."""

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_DURATION_MINUTES = 24 * 60


class Difficulty(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")
