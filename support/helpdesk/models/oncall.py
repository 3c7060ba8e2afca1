"""On-call alerts: who was told about what, who acknowledged it, and when it escalates."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OnCallAlert(models.Model):
    """One cause that needs the engineer on duty (a new report, an incident, a missed target).

    ``cause`` is unique: a retried task, a second tick or a reloaded page can never alert twice for the
    same thing. The alert goes to the roster's first person (``level`` 0: primary); while nobody
    acknowledges it, ``oncall_tick`` hands it to the next role at ``escalate_at`` until the roster ends.
    """

    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        REPORT = "report", _("New fault report")
        INCIDENT = "incident", _("Incident opened")
        OVERDUE = "overdue", _("First response overdue")

    cause = models.CharField(_("cause"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    link = models.CharField(_("link"), max_length=500, blank=True)
    report = models.ForeignKey(
        "helpdesk.FaultReport", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    incident_id = models.PositiveIntegerField(_("incident"), null=True, blank=True)
    created_at = models.DateTimeField(_("raised at"), default=timezone.now)
    # The role index (``DutyShift.Role`` order) of the last person alerted.
    level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    notified = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last alerted"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    escalate_at = models.DateTimeField(_("escalates at"), null=True, blank=True, db_index=True)
    silenced = models.BooleanField(
        _("silenced"), default=False, help_text=_("Raised during declared maintenance: nobody was alerted.")
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        db_table = "support_oncallalert"
        verbose_name = _("on-call alert")
        verbose_name_plural = _("on-call alerts")
        ordering = ["-created_at"]

    def __str__(self):
        return self.cause
