"""Whole-response cache of Wagtail pages for anonymous visitors.

What is cached: GET responses (status 200) of Wagtail pages, per host, URL path, query string and
language, for visitors without a session cookie. Never cached: logged-in users (they carry a session
cookie), previews and the admin (not Wagtail page views), other methods, responses that set cookies
or use a CSRF token (pages with forms), and responses marked ``Cache-Control: private / no-cache /
no-store`` (``never_cache``).

Invalidation: every cache key contains a global *generation* value; publishing, unpublishing,
deleting or moving any page and saving or deleting any snippet, image, document, site, view
restriction or one of the models named in ``PAGE_CACHE_MODELS`` (non-page data that pages render:
the footer contacts, builds) replaces it, so every cached page is dropped at once (old entries
simply expire). Records that no page shows (fault reports, outbox rows, download logs, search
documents) are written all the time and must not empty the cache.

The same generation keys the cached data pages are built from (:func:`cached`: the site shell's
menu, language links and footer contacts, the catalogue's taxonomy and facet counts), so anonymous
and logged-in visitors alike render pages without those queries and never see them stale. A request
reads the generation once (the first time it needs it) and uses it throughout; each process keeps
its own copy of the current generation's entries, so a warm page reads Redis once for all of them.

Banners never go stale: while a page is rendered for the cache, ``{% site_banners %}`` outputs a
placeholder; the middleware substitutes the ``vt_site_banners`` hooks' fresh output on every hit
and miss.
"""

import hashlib
import pickle
import time
from contextvars import ContextVar
from functools import cache as memoize

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from website.middleware import NON_LOCALIZED_PREFIXES

SITE_BANNERS_HOOK = "vt_site_banners"
BANNERS_PLACEHOLDER = "<!--vt-site-banners-->"
GENERATION_KEY = "pagecache:generation"
MAX_QUERY_LENGTH = 512
UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store")
KEPT_HEADERS = ("Content-Type", "Content-Language")
LOCAL_BYTES = 16 * 1024 * 1024

# The generation read by the current request (a one-item list filled on first use); None outside one.
_request_generation = ContextVar("vt_request_generation", default=None)
# This process's copies of ``cached`` entries (pickled: every caller gets its own objects), all of
# one generation, at most ``LOCAL_BYTES`` of them (then it starts over).
_local = {"generation": None, "entries": {}, "bytes": 0}


def render_banners(request):
    """Fresh HTML of the site banners (the ``vt_site_banners`` hooks: ``(request) -> html``)."""
    parts = [html for hook in hooks.get_hooks(SITE_BANNERS_HOOK) if (html := hook(request))]
    return mark_safe("".join(parts))  # noqa: S308 - hooks return rendered, escaped templates


def banners_for_template(request):
    """What ``{% site_banners %}`` outputs: a placeholder while the page may go into the cache."""
    if getattr(request, "page_cache_candidate", False):
        return mark_safe(BANNERS_PLACEHOLDER)  # noqa: S308 - a constant comment
    return render_banners(request)


def _read_generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = str(time.time_ns())
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY, value)
    return value


def generation():
    """The current content generation: read once per request, from Redis outside requests."""
    held = _request_generation.get()
    if held is None:
        return _read_generation()
    if held[0] is None:
        held[0] = _read_generation()
    return held[0]


def _next_generation():
    value = str(time.time_ns())
    cache.set(GENERATION_KEY, value, None)
    held = _request_generation.get()
    if held is not None:
        held[0] = value


def invalidate(**kwargs):
    """Drop every cached page and cached entry (by moving to a new generation)."""
    _next_generation()
    # Until the change commits, other processes still read the old rows and would cache them under
    # the new generation: move on once more when the change becomes visible.
    transaction.on_commit(_next_generation)


def cached(name, compute, timeout=None):
    """``compute()``, cached under ``name`` until the next invalidation.

    Keys carry the database name: environments sharing one Redis (staging, test runs of several
    checkouts) share the generation but must never read each other's rows."""
    current = generation()
    key = f"sitecache:{current}:{connection.settings_dict['NAME']}:{name}"
    if _local["generation"] != current or _local["bytes"] > LOCAL_BYTES:
        _local.update(generation=current, entries={}, bytes=0)
    blob = _local["entries"].get(key)
    if blob is not None:
        return pickle.loads(blob)  # noqa: S301 - written by this process just above
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.PAGE_CACHE_SECONDS if timeout is None else timeout)
    blob = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    _local["entries"][key] = blob
    _local["bytes"] += len(blob)
    return value


def _cache_key(request):
    raw = f"{request.get_host()}|{request.get_full_path()}"
    digest = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()
    return f"pagecache:{generation()}:{get_language()}:{digest}"


def _is_candidate(request):
    return (
        getattr(settings, "PAGE_CACHE_ENABLED", False)
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(NON_LOCALIZED_PREFIXES)
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
    )


def _with_banners(request, content):
    return content.replace(BANNERS_PLACEHOLDER.encode(), render_banners(request).encode(), 1)


class AnonymousPageCacheMiddleware:
    """Serve and store anonymous Wagtail page responses (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        held = _request_generation.set([None])
        try:
            return self._respond(request)
        finally:
            _request_generation.reset(held)

    def _respond(self, request):
        if not _is_candidate(request):
            return self.get_response(request)
        key = _cache_key(request)
        cached = cache.get(key)
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
                cache.set(key, {"content": response.content, "headers": headers}, settings.PAGE_CACHE_SECONDS)
                response["X-Page-Cache"] = "miss"
                patch_vary_headers(response, ["Cookie"])
            response.content = _with_banners(request, response.content)
        return response


@memoize
def _is_rendered_model(sender):
    """Whether pages render rows of ``sender`` (pages themselves are handled by the publishing signals).

    Asked on every save of every model (a fault report makes five), so the answer is kept per model."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Site
    from wagtail.snippets.models import get_snippet_models

    return (
        sender._meta.label_lower in settings.PAGE_CACHE_MODELS
        or sender in (get_image_model(), get_document_model(), Site, PageViewRestriction)
        or sender in get_snippet_models()
    )


def _on_model_change(sender, **kwargs):
    # A plain page save is a draft or a tree update; publishing signals cover what visitors see.
    if not issubclass(sender, Page) and _is_rendered_model(sender):
        invalidate()


def _on_page_delete(sender, **kwargs):
    if issubclass(sender, Page):
        invalidate()


def connect_signals():
    page_published.connect(invalidate, dispatch_uid="pagecache-published")
    page_unpublished.connect(invalidate, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(invalidate, dispatch_uid="pagecache-moved")
    post_save.connect(_on_model_change, dispatch_uid="pagecache-saved")
    post_delete.connect(_on_model_change, dispatch_uid="pagecache-deleted")
    post_delete.connect(_on_page_delete, dispatch_uid="pagecache-page-deleted")
