"""Incidents: unplanned disruptions and their public timeline of updates.

An incident is not a translatable page: the engineer writing during an outage fills the Russian and the
English text in one form (``title_ru``/``title_en``, ``message_ru``/``message_en``), so both languages are
public at the same moment instead of one waiting for a translation workflow.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core import languages
from support.status.choices import IncidentImpact, IncidentStatus

# A start a little ahead of the server's clock is an engineer's clock, not a planned incident.
CLOCK_TOLERANCE = dt.timedelta(minutes=5)


class IncidentQuerySet(models.QuerySet):
    def unresolved(self):
        return self.exclude(status=IncidentStatus.RESOLVED)

    def resolved(self):
        return self.filter(status=IncidentStatus.RESOLVED)

    def open_at(self, at):
        """Incidents started by ``at`` and not resolved by then."""
        return self.filter(started_at__lte=at).filter(
            models.Q(resolved_at__isnull=True) | models.Q(resolved_at__gt=at)
        )


class Incident(models.Model):
    """One unplanned disruption: what it affects, how badly, and where it stands."""

    # Operational rows stay out of Wagtail's reference index (see FaultReport).
    wagtail_reference_index_ignore = True

    title_ru = models.CharField(_("title (Russian)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    impact = models.CharField(_("impact"), max_length=16, choices=IncidentImpact.choices)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=IncidentStatus.choices,
        default=IncidentStatus.INVESTIGATING,
        editable=False,
        help_text=_("Follows the latest update."),
    )
    components = models.ManyToManyField(
        "monitoring.Component", blank=True, related_name="+", verbose_name=_("affected components")
    )
    trainers = models.ManyToManyField(
        "catalogue.SimulatorPage",
        blank=True,
        related_name="+",
        verbose_name=_("affected trainers"),
        help_text=_("Either language: a trainer counts in both."),
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True, editable=False)
    opened_by_monitor = models.BooleanField(_("opened by the monitor"), default=False, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["status", "-started_at"])]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")

    def __str__(self):
        return self.title()

    def clean(self):
        super().clean()
        if self.started_at and self.started_at > timezone.now() + CLOCK_TOLERANCE:
            raise ValidationError({"started_at": _("An incident cannot start in the future.")})

    # -- in a language ----------------------------------------------------------------------------

    def title(self, language=None):
        return self.title_en if _language(language) == "en" else self.title_ru

    def url(self, language=None):
        """The path of the public incident page in ``language`` (default: the active one)."""
        with translation.override(_language(language)):
            return reverse("status:incident", args=[self.pk])

    @property
    def is_open(self):
        return self.status != IncidentStatus.RESOLVED


class IncidentUpdate(models.Model):
    """One entry of an incident's public timeline, in both languages; never edited once posted."""

    wagtail_reference_index_ignore = True

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(_("status"), max_length=16, choices=IncidentStatus.choices)
    message_ru = models.TextField(_("message (Russian)"))
    message_en = models.TextField(_("message (English)"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
        help_text=_("Empty: posted by the monitor."),
    )
    posted_at = models.DateTimeField(_("posted at"), default=timezone.now)

    class Meta:
        ordering = ["-posted_at", "-pk"]
        verbose_name = _("incident update")
        verbose_name_plural = _("incident updates")

    def __str__(self):
        return f"{self.get_status_display()}: {self.message_en[:60]}"

    def message(self, language=None):
        return self.message_en if _language(language) == "en" else self.message_ru


def _language(language):
    return languages.supported(language) if language else languages.current()
