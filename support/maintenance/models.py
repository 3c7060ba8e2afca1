"""Maintenance notices, the status page, subscribers and the working-day exceptions."""

import datetime as dt
import hashlib
import json
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from support.maintenance import calendar
from support.maintenance.forms import COMPONENTS_FIELD_CHOICES, MaintenanceNoticeForm
from support.maintenance.panels import DispatchSummaryPanel

COMPONENT_CHOICES = COMPONENTS_FIELD_CHOICES


class NoticeKind(models.TextChoices):
    PLANNED = "planned", _("Planned maintenance")
    SECURITY = "security", _("Critical security update")


class NoticeImpact(models.TextChoices):
    MAINTENANCE = "maintenance", _("Unavailable (maintenance)")
    DEGRADED = "degraded", _("Degraded performance")


class NoticeState(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class StatusPage(Page):
    """The service status page: state per trainer/component and the maintenance notices below it."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    subscribe_intro = models.TextField(
        _("subscription text"),
        blank=True,
        help_text=_("Shown above the subscription form: what subscribers receive and how often."),
    )
    consent_text = models.TextField(
        _("consent text"),
        blank=True,
        help_text=_("Consent to personal-data processing (152-FZ) the subscriber must accept."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("subscribe_intro"),
        FieldPanel("consent_text"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = ["support.MaintenanceNoticePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("service status page")

    def get_context(self, request, *args, **kwargs):
        from support.maintenance.status import status_context

        context = super().get_context(request, *args, **kwargs)
        context.update(status_context(self, request))
        return context


class MaintenanceNoticePage(Page):
    """One maintenance window announced to users (the "3 working days' notice" rule applies)."""

    description = RichTextField(
        _("description"), features=["bold", "italic", "link", "ul"], help_text=_("What happens and why.")
    )
    starts_at = models.DateTimeField(_("window start"), help_text=_("Moscow time (MSK, UTC+3)."))
    ends_at = models.DateTimeField(_("window end"), help_text=_("Moscow time (MSK, UTC+3)."))
    kind = models.CharField(_("kind"), max_length=16, choices=NoticeKind.choices, default=NoticeKind.PLANNED)
    justification = models.TextField(
        _("justification"),
        blank=True,
        help_text=_("Required for a critical security update: why it cannot wait for 3 working days."),
    )
    impact = models.CharField(
        _("impact"), max_length=16, choices=NoticeImpact.choices, default=NoticeImpact.MAINTENANCE
    )
    whole_platform = models.BooleanField(_("whole platform"), default=False)
    components = models.JSONField(_("components"), default=list, blank=True)
    trainers = ParentalManyToManyField(
        "catalogue.SimulatorPage", blank=True, related_name="+", verbose_name=_("affected trainers")
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    completed_at = models.DateTimeField(
        _("completed early at"),
        null=True,
        blank=True,
        help_text=_("Set when the works end before the window."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]), FieldPanel("completed_at")],
            heading=_("Window"),
        ),
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("justification"), FieldPanel("impact")], heading=_("Kind")
        ),
        MultiFieldPanel(
            [FieldPanel("whole_platform"), FieldPanel("components"), FieldPanel("trainers")],
            heading=_("Affected"),
        ),
        FieldPanel("cancelled"),
        InlinePanel("updates", heading=_("Update timeline"), label=_("update")),
        DispatchSummaryPanel(heading=_("Notifications sent")),
    ]
    base_form_class = MaintenanceNoticeForm
    search_fields = [*Page.search_fields, index.SearchField("description")]
    parent_page_types = ["support.StatusPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("maintenance notice")
        verbose_name_plural = _("maintenance notices")

    # -- derived ---------------------------------------------------------------------------------

    @property
    def effective_end(self):
        if self.completed_at and self.completed_at < self.ends_at:
            return max(self.completed_at, self.starts_at)
        return self.ends_at

    def state(self, at=None):
        at = at or timezone.now()
        if self.cancelled:
            return NoticeState.CANCELLED
        if at < self.starts_at:
            return NoticeState.UPCOMING
        if at < self.effective_end:
            return NoticeState.IN_PROGRESS
        return NoticeState.COMPLETED

    @property
    def state_label(self):
        return NoticeState(self.state()).label

    def component_labels(self):
        labels = dict(COMPONENT_CHOICES)
        return [labels[code] for code in self.components if code in labels]

    def fingerprint(self):
        """What subscribers were told: a change of any of these is a material change."""
        payload = {
            "start": self.starts_at.isoformat(),
            "end": self.ends_at.isoformat(),
            "completed": self.completed_at.isoformat() if self.completed_at else None,
            "cancelled": self.cancelled,
            "kind": self.kind,
            "platform": self.whole_platform,
            "components": sorted(self.components),
            "trainers": sorted(str(t.translation_key) for t in self.trainers.all()),
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]

    def earliest_allowed_start(self, now=None):
        return calendar.earliest_allowed_start(now or timezone.now())


class MaintenanceUpdate(Orderable):
    """One entry of a notice's public timeline (extended, cancelled, completed early, note)."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Update")
        EXTENDED = "extended", _("Extended")
        CANCELLED = "cancelled", _("Cancelled")
        COMPLETED = "completed", _("Completed early")

    page = ParentalKey(MaintenanceNoticePage, on_delete=models.CASCADE, related_name="updates")
    posted_at = models.DateTimeField(_("posted at"), default=timezone.now)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.NOTE)
    message = models.TextField(_("message"))

    panels = [FieldPanel("posted_at"), FieldPanel("kind"), FieldPanel("message")]


class WorkingDayException(models.Model):
    """A production-calendar decree the ``holidays`` library lacks: this date's status wins."""

    date = models.DateField(_("date"), unique=True)
    is_working = models.BooleanField(
        _("working day"), help_text=_("Ticked: a working day; empty: a day off.")
    )
    note = models.CharField(_("note"), max_length=255, blank=True, help_text=_("Decree or reason."))

    class Meta:
        ordering = ["-date"]
        verbose_name = _("working-day exception")
        verbose_name_plural = _("working-day exceptions")

    def __str__(self):
        return f"{self.date:%Y-%m-%d}: {_('working day') if self.is_working else _('day off')}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        calendar.forget_exceptions()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        calendar.forget_exceptions()
        return result


def _new_token():
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    """Someone who asked to be told about maintenance by e-mail and/or SMS."""

    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone (E.164)"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=8, default="ru")
    all_trainers = models.BooleanField(_("all notices"), default=True)
    trainers = models.ManyToManyField(
        "catalogue.SimulatorPage", blank=True, related_name="+", verbose_name=_("trainers")
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    consent_at = models.DateTimeField(_("consent given at"))
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("maintenance subscriber")
        verbose_name_plural = _("maintenance subscribers")

    def __str__(self):
        return self.email or self.phone

    @property
    def active(self):
        return self.unsubscribed_at is None


class NoticeDispatch(models.Model):
    """A batch of messages about one notice revision: at most one per (notice, event, revision)."""

    class Event(models.TextChoices):
        PUBLISHED = "published", _("Announced")
        CHANGED = "changed", _("Changed")
        CANCELLED = "cancelled", _("Cancelled")
        REMINDER = "reminder", _("Reminder")
        COMPLETED = "completed", _("Works completed")

    notice_key = models.UUIDField(_("notice translation key"), db_index=True)
    notice_title = models.CharField(_("notice"), max_length=255)
    event = models.CharField(_("event"), max_length=16, choices=Event.choices)
    fingerprint = models.CharField(_("revision fingerprint"), max_length=32)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["notice_key", "event", "fingerprint"], name="maint_dispatch_once")
        ]
        verbose_name = _("maintenance notification")
        verbose_name_plural = _("maintenance notifications")

    def __str__(self):
        return f"{self.notice_title}: {self.get_event_display()} ({self.recipients})"


def reminder_lead():
    return dt.timedelta(hours=settings.MAINTENANCE_REMINDER_HOURS)
