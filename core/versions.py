"""Semantic versions (SemVer 2.0.0), one rule for builds, release notes and what a trainer reports."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Semantic Versioning 2.0.0 (https://semver.org), without a leading "v".
SEMVER_RE = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)


def version_key(version):
    """A sortable key of a semantic version: its numbers, a release after its pre-releases (the
    pre-release labels compared as text)."""
    core, _sep, pre = version.split("+")[0].partition("-")
    try:
        numbers = tuple(int(part) for part in core.split("."))
    except ValueError:
        return ((), 0, version)
    return (numbers, 0 if pre else 1, pre)


def validate_semver(value):
    if not SEMVER_RE.match(value or ""):
        raise ValidationError(
            _("%(value)s is not a semantic version (for example 1.4.0 or 2.0.0-rc.1).") % {"value": value},
            code="semver",
        )
