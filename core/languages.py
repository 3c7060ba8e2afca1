"""The site's languages, from ``settings.LANGUAGES`` (the one place that names them)."""

from django.conf import settings
from django.http import Http404
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


PARAMETER = "locale"
# Feed and calendar subscriptions made before every endpoint took ``locale`` still carry ``lang``;
# calendar apps and feed readers keep such URLs for years, so those endpoints read it too.
LEGACY_PARAMETER = "lang"


class UnknownLanguage(ValueError):
    """A query parameter names a language the site does not have."""


def from_query(query, *, legacy=False):
    """The language a query string names by ``locale`` (or, with ``legacy``, by ``lang``): one of
    :func:`codes`, or ``None`` when it names none. A value that is no language of the site raises
    :class:`UnknownLanguage`, so each caller answers it in its own way (a 400, a 404)."""
    value = query.get(PARAMETER) or (query.get(LEGACY_PARAMETER) if legacy else None)
    value = (value or "").strip()
    if not value:
        return None
    if value not in codes():
        raise UnknownLanguage(value)
    return value


def for_feed(request, default):
    """The language of a feed: ``locale`` or the legacy ``lang`` of the feed's URL, else ``default``;
    a 404 for a language the site does not have (a feed reader shows that plainly)."""
    try:
        return from_query(request.GET, legacy=True) or default
    except UnknownLanguage:
        raise Http404("unknown language") from None


def of_path(path):
    """The site language whose prefix ``path`` starts with (``/en/...`` -> ``"en"``), else None.

    The language-prefixed URLs of ``i18n_patterns`` only; cheaper than Django's
    ``get_language_from_path``, which middleware on every request would otherwise call."""
    for code in codes():
        if path.startswith(f"/{code}/"):
            return code
    return None
