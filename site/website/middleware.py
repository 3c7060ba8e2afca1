"""Site-wide middleware: language negotiation, extra security headers and refusing NUL in URLs."""

from django.http import HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.translation import gettext

from core.api import error_json

# URL spaces that are not language-prefixed: a 404 there must stay a 404, not become a redirect to
# ``/ru/...`` (Wagtail's catch-all page route would make every such path look "valid" in Russian).
NON_LOCALIZED_PREFIXES = (
    "/api/",
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/feeds/",
    "/static/",
    "/media/",
)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware without the language redirect for non-localized URL spaces."""

    def process_response(self, request, response):
        if request.path_info.startswith(NON_LOCALIZED_PREFIXES):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)


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
    """Answers 400 to a request with a NUL byte in its path or query string.

    No column stores NUL (PostgreSQL refuses it in any string), so such a request can name nothing;
    refusing it here keeps every lookup behind (tokens, slugs, filters, file paths) from failing on it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in value for _name, values in request.GET.lists() for value in values
        ):
            if request.path.startswith("/api/"):
                return error_json(400, gettext("The address contains a NUL character."))
            return HttpResponseBadRequest(gettext("The address contains a NUL character."))
        return self.get_response(request)
