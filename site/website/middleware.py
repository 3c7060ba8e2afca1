"""Site-wide middleware: language negotiation and extra security headers."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

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
