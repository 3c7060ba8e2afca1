"""The rules of a fault report's fields, shared by the form (``forms.FaultReportForm``) and the API
serializer (``api.FaultReportCreateSerializer``). Each takes the submitted value and returns the cleaned
one or raises Django's ``ValidationError`` (the serializer turns it into DRF's)."""

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.params import loads_json
from support.notifications.phones import normalize_phone

ENVIRONMENT_KEYS = ("os", "browser", "webgl", "webgl2", "screen", "language", "user_agent")
DESCRIPTION_MIN_LENGTH = 10
DESCRIPTION_MAX_LENGTH = 5000
FULL_NAME_MAX_LENGTH = 200


def clean_full_name(value: str) -> str:
    value = " ".join((value or "").split())
    if len(value) < 2:
        raise forms.ValidationError(_("Enter your full name."))
    return value


def clean_description(value: str) -> str:
    value = (value or "").strip()
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
