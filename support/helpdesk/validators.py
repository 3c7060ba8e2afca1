"""The rules of a fault report's fields, shared by the form (``forms.FaultReportForm``) and the API
serializer (``api.FaultReportCreateSerializer``). Each takes the submitted value and returns the cleaned
one or raises Django's ``ValidationError`` (the serializer turns it into DRF's)."""

import re
import unicodedata

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.params import loads_json
from core.versions import validate_semver
from support.notifications.phones import normalize_phone

# The installation a report may name, as model fields; the deep link's parameters name them shorter.
INSTALLATION_FIELDS = ("trainer_version", "platform", "device_model", "firmware", "mode")
DEEP_LINK_PARAMETERS = {
    "version": "trainer_version",
    "platform": "platform",
    "device": "device_model",
    "firmware": "firmware",
    "mode": "mode",
}
INSTALLATION_MAX_LENGTHS = {"trainer_version": 64, "platform": 32, "device_model": 100, "firmware": 64}
MODES = ("online", "offline")
ENVIRONMENT_KEYS = ("os", "browser", "webgl", "webgl2", "screen", "language", "user_agent")
DESCRIPTION_MIN_LENGTH = 10
DESCRIPTION_MAX_LENGTH = 5000
FULL_NAME_MAX_LENGTH = 200


# Line breaks and tabs are text; every other control character is not.
_KEPT_CONTROLS = frozenset("\t\n\r")


def clean_text(value: str) -> str:
    """Typed text as it will be stored and shown: NFC-normalised, without invisible format characters
    (zero-width spaces and joiners, byte-order marks, bidirectional overrides that could reorder what
    staff read). Raises ``ValidationError`` for text that was not readable: U+FFFD stands for bytes the
    browser sent in another encoding (Django decodes them with replacement), and control characters
    never come from a keyboard."""
    value = unicodedata.normalize("NFC", value or "")
    if "\ufffd" in value:
        raise forms.ValidationError(
            _("The text contains characters that could not be read. Retype it or paste it again.")
        )
    kept = []
    for char in value:
        category = unicodedata.category(char)
        if category == "Cf":
            continue
        if category == "Cc" and char not in _KEPT_CONTROLS:
            raise forms.ValidationError(_("The text contains control characters. Remove them and retry."))
        kept.append(char)
    return "".join(kept)


def clean_full_name(value: str) -> str:
    value = " ".join(clean_text(value).split())
    # A name has letters: "\u200b\u200b" or "--" is not one.
    if len(value) < 2 or not any(char.isalpha() for char in value):
        raise forms.ValidationError(_("Enter your full name."))
    return value


def clean_description(value: str) -> str:
    value = clean_text(value).strip()
    if len(value) < DESCRIPTION_MIN_LENGTH:
        raise forms.ValidationError(_("Describe the problem in at least 10 characters."))
    return value


def clean_uin(value: str) -> str:
    value = (value or "").strip()
    if not re.fullmatch(settings.SUPPORT_UIN_PATTERN, value):
        raise forms.ValidationError(
            _("Enter your user identifier (UIN) as issued: 4-32 letters, digits or dashes.")
        )
    return value


def clean_phone(value: str) -> str:
    try:
        return normalize_phone(value)
    except ValueError:
        raise forms.ValidationError(_("Enter a valid phone number, for example +7 916 123-45-67.")) from None


def clean_environment(raw) -> dict:
    """Keep the known keys of the browser-collected details as short strings; ignore anything else."""
    if isinstance(raw, str):
        if not raw.strip():
            return {}
        try:
            raw = loads_json(raw[:4000])
        except ValueError:
            return {}
    if not isinstance(raw, dict):
        return {}
    cleaned = {}
    for key in ENVIRONMENT_KEYS:
        value = raw.get(key)
        if isinstance(value, bool):
            cleaned[key] = value
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            # PostgreSQL's jsonb refuses NUL characters.
            cleaned[key] = str(value).replace("\x00", "")[:300]
    return cleaned


def clean_trainer_version(value: str) -> str:
    """Empty, or a semantic version as the builds carry it (``1.4.0``; a leading "v" is dropped)."""
    value = (value or "").strip()
    value = value[1:] if value[:1] in ("v", "V") else value
    if value:
        validate_semver(value)
    return value


def clean_platform(value: str) -> str:
    value = (value or "").strip().lower()
    if value and not re.fullmatch(r"[a-z0-9_]{1,32}", value):
        raise forms.ValidationError(_("Enter the platform as its code, e.g. windows or android_headset."))
    return value


def clean_installation_text(value: str, field: str) -> str:
    """A device model or firmware: one line of readable text within the field's length."""
    value = " ".join(clean_text(value).split())
    limit = INSTALLATION_MAX_LENGTHS[field]
    if len(value) > limit:
        raise forms.ValidationError(
            _("At most %(limit)d characters (it has %(length)d).") % {"limit": limit, "length": len(value)}
        )
    return value


def clean_mode(value: str) -> str:
    value = (value or "").strip().lower()
    if value and value not in MODES:
        raise forms.ValidationError(_("The mode is online or offline."))
    return value
