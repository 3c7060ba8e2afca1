"""Site-wide middleware: language negotiation, the content security policy, extra security headers
and refusing NUL in URLs."""

from functools import cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as DjangoCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext

from core.api import error_json

# URL spaces that are not language-prefixed: a 404 there must stay a 404, not become a redirect to
# ``/ru/...`` (Wagtail's catch-all page route would make every such path look "valid" in Russian).
NON_LOCALIZED_PREFIXES = (
    "/readyz",
    "/metrics",
    "/api/",
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/feeds/",
    "/static/",
    "/media/",
)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware without the language redirect for non-localized URL spaces, reading
    the URL's language once per request.

    Django's reads it three times (the request's language, the default-language rule, then again
    for the response), each a regular expression and a lookup of the supported variants; measured in
    process, the middleware was the second largest share of a trivial view's time after the request
    metrics. The outcome is Django's: the same language, redirect, ``Vary`` and ``Content-Language``."""

    def process_request(self, request):
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        i18n_patterns_used, prefixed_default_language = is_language_prefix_patterns_used(urlconf)
        request.language_from_path = translation.get_language_from_path(request.path_info)
        if i18n_patterns_used and request.language_from_path:
            language = request.language_from_path
        elif i18n_patterns_used and not prefixed_default_language:
            language = settings.LANGUAGE_CODE
        else:
            # The cookie, then Accept-Language (the path is not asked again).
            language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        if request.path_info.startswith(NON_LOCALIZED_PREFIXES):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        language_from_path = getattr(request, "language_from_path", None)
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        i18n_patterns_used, prefixed_default_language = is_language_prefix_patterns_used(urlconf)
        if (
            response.status_code == 404
            and not language_from_path
            and i18n_patterns_used
            and prefixed_default_language
        ):
            # Django's redirect to the language-prefixed URL (it reads the path's language again).
            return super().process_response(request, response)
        if not (i18n_patterns_used and language_from_path):
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


# What a view attaches to its response to change its policy (``csp.decorators``: ``@csp``,
# ``@csp_update``, ``@csp_replace``, each also for the report-only policy).
POLICY_OVERRIDES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)
# setting -> (header, the response attribute of ``@csp_exempt`` for it, report-only)
POLICY_SETTINGS = {
    "CONTENT_SECURITY_POLICY": (HEADER, "_csp_exempt", False),
    "CONTENT_SECURITY_POLICY_REPORT_ONLY": (HEADER_REPORT_ONLY, "_csp_exempt_ro", True),
}


@cache
def settings_policies():
    """``(header, value, exempt attribute, excluded URL prefixes)`` of each policy the settings define."""
    policies = []
    for setting, (header, exempt, report_only) in POLICY_SETTINGS.items():
        value = build_policy(report_only=report_only)
        if value:
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            policies.append((header, value, exempt, tuple(prefixes)))
    return tuple(policies)


@receiver(setting_changed)
def _forget_policies(*, setting, **kwargs):
    if setting in POLICY_SETTINGS:
        settings_policies.cache_clear()


class CSPMiddleware(DjangoCSPMiddleware):
    """django-csp's middleware, with the policies of the settings built once instead of per response.

    django-csp 4.0 builds both headers (the policy and the report-only one) from the settings on
    every response: about a fifth of the time of a trivial view. Without a nonce and without a
    view's override the headers depend on the settings alone, so they are built once and reused.
    A response with an override or a request that used its nonce is left to django-csp."""

    def process_response(self, request, response):
        # Looked up in the instances' own attributes, where django-csp and its decorators put them:
        # ``getattr`` of an absent attribute raises and catches an AttributeError, seven per response.
        overrides = vars(response)
        if vars(request).get("_csp_nonce") is not None or any(
            overrides.get(name) is not None for name in POLICY_OVERRIDES
        ):
            return super().process_response(request, response)
        # django-csp leaves Django's technical 404 and 500 pages alone in debug mode.
        if settings.DEBUG and response.status_code in (404, 500):
            return response
        path = request.path_info
        for header, value, exempt, prefixes in settings_policies():
            if (
                header not in response
                and getattr(response, exempt, False) is False
                and not path.startswith(prefixes)
            ):
                response[header] = value
        # As django-csp does: a nonce asked for after the header is written could not be in it.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy and a conservative cross-origin resource policy to every response."""

    PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-site")
        return response


class RefuseNulMiddleware:
    """Answers 400 to a request with a NUL byte in its path or in a name or value of its query string.

    No column stores NUL (PostgreSQL refuses it in any string), so such a request can name nothing;
    refusing it here keeps every lookup behind (tokens, slugs, filters, file paths) from failing on it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The raw query string rather than ``request.GET``: a NUL gets into a name or a value only as
        # "%00" or as the byte itself, and parsing the query of every request (most never read it)
        # costs more than the whole check.
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            if request.path.startswith("/api/"):
                return error_json(400, gettext("The address contains a NUL character."))
            return HttpResponseBadRequest(gettext("The address contains a NUL character."))
        return self.get_response(request)
