"""Whole-response cache of Wagtail pages for anonymous visitors.

What is cached: GET responses (status 200) of Wagtail pages, per host, URL path, query string and
language, for visitors without a session cookie. Never cached: logged-in users (they carry a session
cookie), previews and the admin (not Wagtail page views), other methods, responses that set cookies
or use a CSRF token (pages with forms), and responses marked ``Cache-Control: private / no-cache /
no-store`` (``never_cache``).

Invalidation: the keys carry the content generations of ``core.cache``. A page type may name the
scopes its page depends on (``cache_scopes()``, e.g. a trainer page: its own page scope); such a page is
kept in the generations of those scopes, so publishing an unrelated trainer leaves it warm. Any other
page is dropped by every content change. Which scopes a URL's page named is remembered per URL (in
the ``base`` generation, kept in each process), so a hit reads no page model.

Bounded: at most ``MAX_VARIANTS`` responses per generation of what they depend on (per scoped page, or
site-wide for the others), so query strings a crawler invents cannot fill the cache; a response built
from values a quota kept out of the cache (``core.cache.refused_in_request``) is not kept either.

Banners never go stale: while a page is rendered for the cache, ``{% site_banners %}`` outputs a
placeholder; the middleware substitutes the ``vt_site_banners`` hooks' fresh output on every hit
and miss.
"""

import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail import hooks
from wagtail.models import Page

from core import languages
from core.cache import peek, refused_in_request, request_scope, store

SITE_BANNERS_HOOK = "vt_site_banners"
BANNERS_PLACEHOLDER = "<!--vt-site-banners-->"
MAX_QUERY_LENGTH = 512
UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store")
KEPT_HEADERS = ("Content-Type", "Content-Language")
MAX_VARIANTS = 5000
# What the URL-to-scopes entry holds for a page that depends on everything.
EVERYTHING = "*"


def render_banners(request):
    """Fresh HTML of the site banners (the ``vt_site_banners`` hooks: ``(request) -> html``)."""
    parts = [html for hook in hooks.get_hooks(SITE_BANNERS_HOOK) if (html := hook(request))]
    return mark_safe("".join(parts))  # noqa: S308 - hooks return rendered, escaped templates


def banners_for_template(request):
    """What ``{% site_banners %}`` outputs: a placeholder while the page may go into the cache."""
    if getattr(request, "page_cache_candidate", False):
        return mark_safe(BANNERS_PLACEHOLDER)  # noqa: S308 - a constant comment
    return render_banners(request)


def _page_name(request):
    raw = f"{request.get_host()}|{request.get_full_path()}"
    digest = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page:{get_language()}:{digest}"


def _is_candidate(request):
    return (
        getattr(settings, "PAGE_CACHE_ENABLED", False)
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        # Wagtail pages live under a language prefix only: anything else (health checks, feeds, the
        # API) is never looked up, so it costs no cache read.
        and languages.of_path(request.path_info)
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH
    )


def _is_cacheable(request, response):
    context = getattr(response, "context_data", None) or {}
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and isinstance(context.get("page"), Page)
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and not any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES)
        and not refused_in_request()
    )


def _scopes_of(page):
    """The scopes a page's response depends on (None: everything)."""
    scopes = getattr(page, "cache_scopes", None)
    return None if scopes is None else list(scopes())


def _with_banners(request, content):
    return content.replace(BANNERS_PLACEHOLDER.encode(), render_banners(request).encode(), 1)


class AnonymousPageCacheMiddleware:
    """Serve and store anonymous Wagtail page responses (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_scope():
            return self._respond(request)

    def _respond(self, request):
        if not _is_candidate(request):
            return self.get_response(request)
        name = _page_name(request)
        remembered = peek(f"scopes:{name}", scopes=[])
        scopes = None if remembered in (None, EVERYTHING) else remembered
        cached = peek(name, local=False, scopes=scopes)
        if cached is not None:
            response = HttpResponse(_with_banners(request, cached["content"]), status=200)
            for name, value in cached["headers"].items():
                response[name] = value
            response["X-Page-Cache"] = "hit"
            patch_vary_headers(response, ["Cookie"])
            return response
        request.page_cache_candidate = True
        response = self.get_response(request)
        if hasattr(response, "content") and not response.streaming:
            if _is_cacheable(request, response):
                headers = {name: response[name] for name in KEPT_HEADERS if name in response}
                entry = {"content": response.content, "headers": headers}
                scopes = _scopes_of(response.context_data["page"])
                seconds = settings.PAGE_CACHE_SECONDS
                # The URL's scopes are remembered only beside a kept page: the quota bounds both.
                if store(name, entry, seconds, local=False, scopes=scopes, quota=("pages", MAX_VARIANTS)):
                    store(f"scopes:{name}", EVERYTHING if scopes is None else scopes, seconds, scopes=[])
                    response["X-Page-Cache"] = "miss"
                    patch_vary_headers(response, ["Cookie"])
            response.content = _with_banners(request, response.content)
        return response
