"""The site's languages, from ``settings.LANGUAGES`` (the one place that names them)."""

from django.conf import settings
from django.utils.translation import get_language


def codes():
    """The language codes of the site, the default first: ``("ru", "en")``."""
    return tuple(code for code, _name in settings.LANGUAGES)


def choices():
    """``(code, name)`` pairs for a model or form field that names one of the site's languages."""
    return list(settings.LANGUAGES)


def default():
    """The default language (``settings.LANGUAGE_CODE``)."""
    return settings.LANGUAGE_CODE


def supported(value):
    """``value`` (``"en"``, ``"en-GB"``...) as one of :func:`codes`, else the default language."""
    code = (value or "").split("-")[0].lower()
    return code if code in codes() else default()


def current():
    """The active language as one of :func:`codes` (the default outside a translated context)."""
    return supported(get_language())


def of_path(path):
    """The site language whose prefix ``path`` starts with (``/en/...`` -> ``"en"``), else None.

    The language-prefixed URLs of ``i18n_patterns`` only; cheaper than Django's
    ``get_language_from_path``, which middleware on every request would otherwise call."""
    for code in codes():
        if path.startswith(f"/{code}/"):
            return code
    return None
