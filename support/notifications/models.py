"""The outbox table: one row per e-mail or SMS the platform owes someone."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """A message waiting for (or done with) delivery. Written in the same transaction as its cause."""

    # Operational rows stay out of Wagtail's reference index (see FaultReport).
    wagtail_reference_index_ignore = True

    class Channel(models.TextChoices):
        EMAIL = "email", _("e-mail")
        SMS = "sms", _("SMS")

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled")

    class Language(models.TextChoices):
        RU = "ru", _("Russian")
        EN = "en", _("English")

    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    recipient = models.CharField(
        _("recipient"), max_length=254, help_text=_("E-mail address or E.164 phone.")
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.RU)
    template = models.CharField(_("template"), max_length=100)
    context = models.JSONField(_("context"), default=dict, blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("body"))

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now, db_index=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # Stamped by the database. Besides one clock for every writer, a database default keeps
    # Django's bulk insert of a few rows on the multi-row VALUES form: its UNNEST form makes
    # psycopg compose array literals in Python, about a tenth of the CPU of accepting a report.
    created_at = models.DateTimeField(_("created at"), db_default=Now(), editable=False)

    dedup_key = models.CharField(
        _("deduplication key"),
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Callers set it to make sure a message is queued once, never twice."),
    )
    source_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    source_id = models.CharField(max_length=64, blank=True)
    source = GenericForeignKey("source_type", "source_id")

    class Meta:
        db_table = "support_outboxmessage"  # the table predates the split of the support app
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["source_type", "source_id"]),
        ]

    def __str__(self):
        return f"{self.channel} -> {self.recipient} ({self.template}, {self.status})"


class ChannelHealth(models.Model):
    """How delivery on one channel is going: the failed attempts in a row since the last success.

    One row per channel, updated by every attempt, so ``/readyz`` sees a broken mail server after a few
    attempts instead of waiting for messages to run out of retries or to be an hour late."""

    channel = models.CharField(_("channel"), max_length=8, choices=OutboxMessage.Channel.choices, unique=True)
    consecutive_failures = models.PositiveIntegerField(_("failed attempts in a row"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    last_failure_at = models.DateTimeField(_("last failure at"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last success at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery channel health")
        verbose_name_plural = _("delivery channel health")

    def __str__(self):
        return f"{self.channel}: {self.consecutive_failures} failures in a row"
