"""Security headers that Django's SecurityMiddleware does not set."""


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
