"""Personal download links for licensed builds and the log of every download."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token():
    return secrets.token_urlsafe(32)


def default_link_expiry():
    return timezone.now() + timedelta(days=settings.SIMULATORS_LINK_DAYS)


class PersonalDownloadLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class PersonalDownloadLink(models.Model):
    """A link that support or a manager issues to one customer for one licensed build."""

    # Operational rows stay out of Wagtail's reference index (see FaultReport).
    wagtail_reference_index_ignore = True

    build = models.ForeignKey(
        "simulators.SimulatorBuild", verbose_name=_("build"), on_delete=models.CASCADE, related_name="links"
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token, editable=False)
    issued_to = models.CharField(
        _("issued to"), max_length=255, help_text=_("Customer name, organisation or e-mail address.")
    )
    note = models.TextField(_("note"), blank=True)
    expires_at = models.DateTimeField(_("expires at"), default=default_link_expiry)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PersonalDownloadLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("personal download link")
        verbose_name_plural = _("personal download links")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.build} → {self.issued_to}"

    @property
    def revoked(self):
        return self.revoked_at is not None

    @property
    def is_active(self):
        return not self.revoked and self.expires_at > timezone.now()

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])


class DownloadLog(models.Model):
    """One download attempt: who, through which link, and whether it was allowed."""

    wagtail_reference_index_ignore = True

    class Outcome(models.TextChoices):
        REDIRECTED = "redirected", _("Redirected to the file")
        DENIED = "denied", _("Denied")
        UNAVAILABLE = "unavailable", _("Storage unavailable")
        SUSPENDED = "suspended", _("Suspended for maintenance")

    build = models.ForeignKey(
        "simulators.SimulatorBuild",
        verbose_name=_("build"),
        on_delete=models.CASCADE,
        related_name="downloads",
    )
    link = models.ForeignKey(
        PersonalDownloadLink,
        verbose_name=_("personal link"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="downloads",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=400, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("download log entry")
        verbose_name_plural = _("download log")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.build} {self.outcome}"
