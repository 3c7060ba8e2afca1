"""Identifiers of the registry checked one way, in forms, the import and the models."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.ru import inn


def validate_inn(value):
    """A Russian taxpayer number: 10 digits (organisation) or 12 (individual entrepreneur) with valid
    check digits (python-stdnum's ``stdnum.ru.inn``)."""
    try:
        inn.validate(value)
    except InvalidChecksum:
        raise ValidationError(
            _("The INN's check digits do not match: check for a typo."), code="inn_checksum"
        ) from None
    except StdnumError:
        raise ValidationError(_("An INN has 10 or 12 digits."), code="inn_format") from None
