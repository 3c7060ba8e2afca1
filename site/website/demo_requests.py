"""The demo request form, its rate limit and who hears about a request.

The field rules are the fault report's (``support.helpdesk.validators``): one rule for a name, typed
text and a phone number (E.164 through ``support.notifications.phones``) on the whole site.
"""

import uuid

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import ratelimit
from core.params import parse_id, parse_slug
from support.helpdesk import validators

# Who may read demo requests in the admin; the same people receive them by e-mail.
VIEW_PERMISSION = ("website", "view_demorequest")
MAX_LEARNERS = 100_000
MESSAGE_MAX_LENGTH = 5000


class DemoRequestForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=validators.FULL_NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=32,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    trainer = forms.TypedChoiceField(
        label=_("Trainer"), required=False, coerce=int, empty_value=None, choices=()
    )
    learners = forms.IntegerField(
        label=_("Number of learners"),
        min_value=1,
        max_value=MAX_LEARNERS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Optional: what you would like to see, dates that suit you."),
    )
    consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data"),
        error_messages={"required": _("Without your consent we cannot process the request.")},
    )
    # A one-time key rendered into each form: a reload, double click or back-and-resend of the same
    # form finds the request it already created instead of creating a second one.
    submission = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, trainers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainer"].choices = [
            ("", _("Several trainers / not chosen yet")),
            *[(trainer.pk, trainer.title) for trainer in trainers],
        ]

    @staticmethod
    def preselected(trainers, raw):
        """The id of the trainer named by ``?trainer=`` (its id or its slug) among ``trainers``."""
        trainer_id = parse_id(raw)
        if trainer_id is not None:
            return trainers.filter(pk=trainer_id).values_list("pk", flat=True).first()
        slug = parse_slug(raw)
        if slug is not None:
            return trainers.filter(slug=slug).values_list("pk", flat=True).first()
        return None

    def clean_name(self):
        return validators.clean_full_name(self.cleaned_data["name"])

    def clean_organisation(self):
        value = " ".join(validators.clean_text(self.cleaned_data["organisation"]).split())
        if not value:
            raise forms.ValidationError(_("Enter the name of your organisation."))
        return value

    def clean_phone(self):
        return validators.clean_phone(self.cleaned_data["phone"])

    def clean_message(self):
        return validators.clean_text(self.cleaned_data.get("message", "")).strip()

    def clean_submission(self):
        """The form's key, or a fresh one when it is missing or was tampered with."""
        return self.cleaned_data.get("submission") or uuid.uuid4()


def submission_key(data) -> uuid.UUID | None:
    """The one-time key of a posted form, if it is one."""
    try:
        return uuid.UUID(str(data.get("submission", "")))
    except ValueError:
        return None


def check_rate_limit(request) -> None:
    """Raise ``core.ratelimit.RateLimited`` when this address sent too many requests."""
    ratelimit.check(request, group="website:demo-request", key="ip", rate=settings.DEMO_REQUEST_RATE)


def recipients() -> list[str]:
    """E-mail addresses of the active users allowed to read demo requests (through a group or their
    own permission; a superuser alone is not enough, as for every role). When nobody holds the
    permission yet, the site's support address, so that no request goes unannounced."""
    permission = Permission.objects.filter(
        content_type__app_label=VIEW_PERMISSION[0], codename=VIEW_PERMISSION[1]
    ).first()
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    addresses = []
    if permission is not None:
        holders = users.filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
        addresses = sorted(set(holders.values_list("email", flat=True)))
    return addresses
