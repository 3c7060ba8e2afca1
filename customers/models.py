"""The customer registry: who an installation or a learner's UIN belongs to, and what it may run."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from customers.choices import Channel
from customers.validators import validate_inn
from support.notifications.phones import normalize_phone


def _e164_or_error(value, field):
    """``value`` in E.164 (the outbox's one phone rule), or a form error on ``field``."""
    try:
        return normalize_phone(value)
    except ValueError:
        raise ValidationError({field: _("Enter a valid phone number, e.g. +7 916 123-45-67.")}) from None


class ManagerContact(models.Model):
    """The phone of a staff user who is some customers' personal manager (users have no phone field).

    The manager's language is the one of their Wagtail profile (the admin's own preference).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff user"),
        on_delete=models.CASCADE,
        related_name="manager_contact",
        limit_choices_to={"is_staff": True},
    )
    phone = models.CharField(
        _("phone"), max_length=20, help_text=_("Texted when a customer's learner reports a fault.")
    )

    class Meta:
        verbose_name = _("personal manager's phone")
        verbose_name_plural = _("personal managers' phones")
        ordering = ["user__last_name", "user__username"]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()} · {self.phone}"

    def clean(self):
        if self.phone:
            self.phone = _e164_or_error(self.phone, "phone")


class Customer(ClusterableModel):
    """An organisation that licenses trainers; its personal manager is a staff user."""

    name = models.CharField(_("name"), max_length=200)
    inn = models.CharField(_("INN"), max_length=12, unique=True, validators=[validate_inn])
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personal manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_customers",
        limit_choices_to={"is_staff": True},
    )
    channel = models.CharField(
        _("release channel"), max_length=16, choices=Channel.choices, default=Channel.STABLE
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.contact_phone:
            self.contact_phone = _e164_or_error(self.contact_phone, "contact_phone")


class LearnerUIN(models.Model):
    """A learner's identifier (UIN) issued to a customer: personal data, seen by the support group only."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.CASCADE, related_name="uins"
    )
    uin = models.CharField(_("user identifier (UIN)"), max_length=32, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("learner UIN")
        verbose_name_plural = _("learner UINs")
        ordering = ["uin"]

    def __str__(self):
        return self.uin


class Licence(models.Model):
    """A customer's right to a trainer: seats, a period and, optionally, its own release channel."""

    # A parental key so that the customer's edit form carries its licences inline.
    customer = ParentalKey(
        Customer, verbose_name=_("customer"), on_delete=models.CASCADE, related_name="licences"
    )
    # Builds and channels point at one translation of a trainer; any translation names the trainer.
    trainer = models.ForeignKey(
        "catalogue.SimulatorPage", verbose_name=_("trainer"), on_delete=models.PROTECT, related_name="+"
    )
    seats = models.PositiveIntegerField(_("seats"))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    channel = models.CharField(
        _("release channel"),
        max_length=16,
        choices=Channel.choices,
        blank=True,
        help_text=_("Empty: the customer's channel."),
    )

    class Meta:
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        ordering = ["customer__name", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__gte=models.F("valid_from")), name="customers_licence_period"
            ),
        ]

    def __str__(self):
        return f"{self.customer} · {self.trainer.title}"

    @property
    def effective_channel(self):
        return self.channel or self.customer.channel


class DeviceKey(models.Model):
    """A revocable key the customer's installed trainers authenticate with (never a user's password).

    The raw key is shown once when issued; only its SHA-256 is kept. The key is random with 256 bits of
    entropy, so a plain hash is as strong as a slow one and keeps the manifest endpoint fast.
    """

    PREFIX = "vtk_"

    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.CASCADE, related_name="device_keys"
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("key starts with"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("device key")
        verbose_name_plural = _("device keys")
        ordering = ["customer__name", "-created_at"]

    def __str__(self):
        return f"{self.customer} · {self.name} ({self.hint}…)"

    @staticmethod
    def hash(raw):
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, customer, name):
        """Create a key; returns the row and the raw key, which is never stored."""
        raw = cls.PREFIX + secrets.token_urlsafe(32)
        key = cls.objects.create(customer=customer, name=name, key_hash=cls.hash(raw), hint=raw[:12])
        return key, raw

    @classmethod
    def customer_for(cls, raw):
        """The customer of an unrevoked key, or None."""
        if not raw or not raw.startswith(cls.PREFIX):
            return None
        digest = cls.hash(raw)
        key = cls.objects.select_related("customer").filter(key_hash=digest, revoked_at__isnull=True).first()
        if key is None or not hmac.compare_digest(key.key_hash, digest):
            return None
        return key.customer
