"""Public forms: the fault report and the tracking-page reply. Field rules shared with the API serializer
are in :mod:`support.helpdesk.validators`."""

import uuid

import filetype
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from support.helpdesk import validators

# Content types accepted for attachments, detected from the bytes (never from the file name).
ALLOWED_MIME_PREFIXES = ("image/", "video/")
ALLOWED_MIME_TYPES = {"application/zip", "text/plain"}


def detect_type(upload) -> str | None:
    """The MIME type from the file's first bytes; plain-text logs are recognised as valid UTF-8 text."""
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is not None:
        return kind.mime
    if not head:
        return None
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        # A multi-byte character may be cut at the 8 KiB boundary.
        try:
            text = head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return None
    if "\x00" in text:
        return None
    return "text/plain"


def validate_attachments(files) -> list[tuple[object, str]]:
    """Return ``[(upload, mime)]`` or raise ``ValidationError`` naming the offending file."""
    files = [f for f in files if f]
    if len(files) > settings.SUPPORT_MAX_ATTACHMENTS:
        raise forms.ValidationError(
            _("Attach at most %(count)d files.") % {"count": settings.SUPPORT_MAX_ATTACHMENTS}
        )
    limit = settings.SUPPORT_MAX_ATTACHMENT_MB * 1024 * 1024
    result = []
    for upload in files:
        if upload.size > limit:
            raise forms.ValidationError(
                _("%(name)s is larger than %(mb)d MB.")
                % {"name": upload.name, "mb": settings.SUPPORT_MAX_ATTACHMENT_MB}
            )
        mime = detect_type(upload)
        if not mime or not (mime.startswith(ALLOWED_MIME_PREFIXES) or mime in ALLOWED_MIME_TYPES):
            raise forms.ValidationError(
                _("%(name)s: only screenshots, videos, zip archives and text logs can be attached.")
                % {"name": upload.name}
            )
        result.append((upload, mime))
    return result


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Zero or more files in one input."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,video/*,.zip,.txt,.log"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class FaultReportForm(forms.Form):
    """The fields the service rules require for a notice of a fault, plus abuse protection."""

    full_name = forms.CharField(label=_("Full name"), max_length=validators.FULL_NAME_MAX_LENGTH)
    uin = forms.CharField(
        label=_("User identifier (UIN)"),
        max_length=32,
        help_text=_("Letters, digits and dashes, as in your training account."),
    )
    phone = forms.CharField(
        label=_("Contact phone"),
        max_length=32,
        help_text=_("We may call this number right away."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail"), required=False, help_text=_("Optional: for notices by e-mail."), max_length=254
    )
    trainer = forms.TypedChoiceField(
        label=_("Affected trainer"), required=False, coerce=int, empty_value=None, choices=()
    )
    description = forms.CharField(
        label=_("What happened?"),
        min_length=validators.DESCRIPTION_MIN_LENGTH,
        max_length=validators.DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("10 to 5,000 characters."),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        help_text=_("Up to 5 files of 20 MB each: screenshots, videos, zip archives, text logs."),
    )
    environment = forms.CharField(required=False, widget=forms.HiddenInput, max_length=4000)
    # The installation: prefilled by the trainer's deep link (README) or by the browser; all optional.
    trainer_version = forms.CharField(
        label=_("Trainer version"),
        required=False,
        max_length=64,
        help_text=_("As shown in the trainer, e.g. 1.4.0."),
    )
    device_model = forms.CharField(
        label=_("Device or headset model"),
        required=False,
        max_length=validators.INSTALLATION_MAX_LENGTHS["device_model"],
    )
    firmware = forms.CharField(
        label=_("Firmware"), required=False, max_length=validators.INSTALLATION_MAX_LENGTHS["firmware"]
    )
    mode = forms.ChoiceField(
        label=_("Mode"),
        required=False,
        choices=[("", _("Not sure")), ("online", _("Online")), ("offline", _("Offline"))],
    )
    platform = forms.CharField(required=False, widget=forms.HiddenInput, max_length=32)
    # A one-time key rendered into each form: a reload, double click or back-and-resend of the same
    # form finds the report it already created instead of creating a second one.
    submission = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)
    consent = forms.BooleanField(label=_("I agree to the processing of my personal data"))
    # Honeypot: hidden from people by CSS, filled by naive bots.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, trainers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainer"].choices = [
            ("", _("Not sure / not listed")),
            *[(t.pk, t.title) for t in trainers],
        ]

    def clean_full_name(self):
        return validators.clean_full_name(self.cleaned_data["full_name"])

    def clean_uin(self):
        return validators.clean_uin(self.cleaned_data["uin"])

    def clean_phone(self):
        return validators.clean_phone(self.cleaned_data["phone"])

    def clean_description(self):
        return validators.clean_description(self.cleaned_data["description"])

    def clean_attachments(self):
        return validate_attachments(self.cleaned_data.get("attachments") or [])

    def clean_trainer_version(self):
        return validators.clean_trainer_version(self.cleaned_data["trainer_version"])

    def clean_platform(self):
        return validators.clean_platform(self.cleaned_data["platform"])

    def clean_device_model(self):
        return validators.clean_installation_text(self.cleaned_data["device_model"], "device_model")

    def clean_firmware(self):
        return validators.clean_installation_text(self.cleaned_data["firmware"], "firmware")

    def installation(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in validators.INSTALLATION_FIELDS}

    def clean_environment(self):
        return validators.clean_environment(self.cleaned_data.get("environment", ""))

    def clean_submission(self):
        """The form's key as a UUID, or a fresh one when it is missing or was tampered with."""
        try:
            return str(uuid.UUID(self.cleaned_data.get("submission", "")))
        except ValueError:
            return str(uuid.uuid4())

    def fingerprint_data(self) -> dict:
        """What the report is made of, for recognising the same form sent again."""
        data = {
            name: value for name, value in self.cleaned_data.items() if name not in ("submission", "website")
        }
        data["attachments"] = [(upload.name, upload.size) for upload, _mime in data.get("attachments", [])]
        return data

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Your report could not be accepted."))
        return ""


class ReplyForm(forms.Form):
    """The user's answer to an information request (tracking page)."""

    message = forms.CharField(
        label=_("Your reply"), min_length=2, max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    attachments = MultipleFileField(label=_("Attachments"))

    def clean_message(self):
        message = validators.clean_text(self.cleaned_data["message"]).strip()
        if len(message) < 2:
            raise forms.ValidationError(_("Write your reply."))
        return message

    def clean_attachments(self):
        return validate_attachments(self.cleaned_data.get("attachments") or [])
