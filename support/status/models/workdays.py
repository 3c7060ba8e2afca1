"""Working-day exceptions: production-calendar decrees the ``holidays`` library lacks.

The table keeps the name it had in the ``support`` app (``Meta.db_table``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkingDayException(models.Model):
    """A production-calendar decree the ``holidays`` library lacks: this date's status wins."""

    date = models.DateField(_("date"), unique=True)
    is_working = models.BooleanField(
        _("working day"), help_text=_("Ticked: a working day; empty: a day off.")
    )
    note = models.CharField(_("note"), max_length=255, blank=True, help_text=_("Decree or reason."))

    class Meta:
        db_table = "support_workingdayexception"
        ordering = ["-date"]
        verbose_name = _("working-day exception")
        verbose_name_plural = _("working-day exceptions")

    def __str__(self):
        return f"{self.date:%Y-%m-%d}: {_('working day') if self.is_working else _('day off')}"
