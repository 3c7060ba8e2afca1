"""Site-wide views: robots.txt, the rate-limit answer and the rate-limited admin login."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django_ratelimit.decorators import ratelimit
from wagtail.admin.views.account import LoginView

from core.api import error_json


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /api/",
        "Disallow: /*/search/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def ratelimited(request, exception):
    """Answer 429 in the user's language: JSON for the API, a page for everything else."""
    message = _("Too many requests. Please wait a minute and try again.")
    if request.path.startswith("/api/"):
        response = error_json(429, message)
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = "60"
    return response


@method_decorator(
    ratelimit(key="ip", rate=lambda group, request: settings.ADMIN_LOGIN_RATE, method="POST"),
    name="post",
)
class RateLimitedLoginView(LoginView):
    """Wagtail's admin login with a per-address limit on attempts."""
