"""Maintenance notices, their update timeline and dispatches, and the subscribers.

The tables keep the names they had in the ``support`` app (``Meta.db_table``).
"""

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
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.slugs import AsciiSlugMixin
from support.status.choices import COMPONENT_CHOICES, NoticeImpact, NoticeKind, NoticeState
from support.status.forms import MaintenanceNoticeForm
from support.status.panels import DispatchSummaryPanel


class MaintenanceNoticePage(AsciiSlugMixin, Page):
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
        InlinePanel("updates", heading=_("Update timeline"), label=_("Update")),
        DispatchSummaryPanel(heading=_("Notifications sent")),
    ]
    base_form_class = MaintenanceNoticeForm
    search_fields = [*Page.search_fields, index.SearchField("description")]
    parent_page_types = ["status.StatusPage"]
    subpage_types = []
    template = "support/maintenance_notice_page.html"

    class Meta:
        db_table = "support_maintenancenoticepage"
        verbose_name = _("maintenance notice")
        verbose_name_plural = _("maintenance notices")

    @classmethod
    def live_notices(cls):
        """Live notices that no translation marks cancelled (translations may lag behind the source)."""
        cancelled = cls.objects.live().filter(cancelled=True).values("translation_key")
        return cls.objects.live().exclude(translation_key__in=cancelled)

    def dispatches(self):
        """The batches of messages sent about this notice (any translation), newest first."""
        return NoticeDispatch.objects.filter(notice_key=self.translation_key)

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

    def api_state(self):
        return self.state()

    def api_trainers(self):
        return [
            {"id": trainer.pk, "title": trainer.title, "slug": trainer.slug}
            for trainer in self.trainers.all()
        ]

    def api_updates(self):
        return [
            {"posted_at": update.posted_at.isoformat(), "kind": update.kind, "message": update.message}
            for update in self.updates.all()
        ]

    # The fields of /api/v1/maintenance; the justification stays an editors' note.
    api_fields = [
        APIField("description"),
        APIField("starts_at"),
        APIField("ends_at"),
        APIField("completed_at"),
        APIField("kind"),
        APIField("impact"),
        APIField("api_state"),
        APIField("cancelled"),
        APIField("whole_platform"),
        APIField("components"),
        APIField("api_trainers"),
        APIField("api_updates"),
    ]

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

    class Meta(Orderable.Meta):
        db_table = "support_maintenanceupdate"


def _new_token():
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    """Someone who asked to be told about maintenance and incidents by e-mail and/or SMS: about all of
    them, or about those affecting the chosen trainers and services (monitored components)."""

    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone (E.164)"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=8, default="ru")
    all_trainers = models.BooleanField(_("all notices"), default=True)
    trainers = models.ManyToManyField(
        "catalogue.SimulatorPage", blank=True, related_name="+", verbose_name=_("trainers")
    )
    components = models.ManyToManyField(
        "monitoring.Component",
        blank=True,
        related_name="+",
        verbose_name=_("services"),
        help_text=_("Monitored components whose incidents and maintenance the subscriber follows."),
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    consent_at = models.DateTimeField(_("consent given at"))
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "support_subscriber"
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
        db_table = "support_noticedispatch"
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
