"""Site-wide views: robots.txt, the rate-limit answer, the rate-limited admin login and the API
documentation page."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from drf_spectacular.views import SpectacularSwaggerSplitView
from wagtail.admin.views.account import LoginView

from core.api import rate_limited_json
from core.ratelimit import ratelimit


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


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """``/favicon.ico``, which browsers and crawlers ask for whatever the page links: the static icon."""
    return redirect(static("website/img/favicon.ico"), permanent=True)


def ratelimited(request, exception):
    """Answer a ``core.ratelimit.RateLimited`` with 429 in the user's language: JSON for the API, a
    page for everything else; ``Retry-After`` says when the limit's window resets."""
    if request.path.startswith("/api/"):
        return rate_limited_json(exception)
    response = render(request, "429.html", {"message": exception.message}, status=429)
    response["Retry-After"] = str(exception.retry_after)
    return response


@method_decorator(ratelimit(group="admin:login", key="ip", rate_setting="ADMIN_LOGIN_RATE"), name="post")
class RateLimitedLoginView(LoginView):
    """Wagtail's admin login with a per-address limit on attempts."""


class ApiDocsView(SpectacularSwaggerSplitView):
    """``/api/docs/``: Swagger UI over ``/api/schema/``. The split view loads its start-up script from
    a URL of its own (``?script``) instead of inline, and the template trades drf-spectacular's inline
    ``<style>`` for a stylesheet, so the page runs under the site's CSP as it is."""

    template_name = "website/api_docs.html"
