"""Phone numbers: everything the platform stores or texts is E.164 (``+79161234567``)."""

from functools import lru_cache

from django.conf import settings


def normalize_phone(value: str, region: str | None = None) -> str:
    """Parse ``value`` (national or international notation) and return it in E.164.

    Raises ``ValueError`` when it is not a valid number for the region (default ``PHONE_DEFAULT_REGION``).
    """
    region = region or getattr(settings, "PHONE_DEFAULT_REGION", "RU")
    text = (value or "").strip()
    if not text or len(text) > 32:
        raise ValueError("empty or too long")
    return _e164(text, region)


# Parsing costs about a millisecond and one submission normalises the same number three times
# (rate limit key, form, outbox); the answer for a given text and region never changes.
@lru_cache(maxsize=4096)
def _e164(text: str, region: str) -> str:
    # Local (here and in mask_phone): the outbox's models import this module, and phonenumbers'
    # metadata would otherwise sit in every process that sets Django up, management commands included.
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(str(exc)) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError("not a valid number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def mask_phone(e164: str) -> str:
    """An E.164 number for showing to whoever holds a tracking link: country code, the first group
    and the last two digits, e.g. ``+7 916 ***-**-67``."""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return "***"
    text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    country, _space, rest = text.partition(" ")
    head, _space, tail = rest.partition(" ")
    digits = sum(char.isdigit() for char in tail)
    masked, seen = [], 0
    for char in tail:
        if char.isdigit():
            seen += 1
            masked.append(char if seen > digits - 2 else "*")
        else:
            masked.append(char)
    return f"{country} {head} {''.join(masked)}" if tail else f"{country} ***"
