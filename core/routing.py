"""Routing page requests through pages read from ``core.cache``.

Wagtail resolves a page request with a query per level of the URL (the site, the root page's
translation, each section's base and specific rows). Pages whose way is cached hand the rest of the
route to the next page here. The two Wagtail/treebeard memos this sets are private attributes: this is
the one module that touches them, so a Wagtail upgrade is checked in one place (its tests fail when
the attributes stop being honoured)."""

from core.cache import cached


def remember_site(request, site):
    """Make ``Site.find_for_request(request)`` answer ``site`` without its database query."""
    request._wagtail_site = site


def route_through(parent, child, request, remaining):
    """``child.route(request, remaining)`` for a child the caller already holds; ``child.get_parent()``
    answers ``parent`` without a query."""
    child._cached_parent_obj = parent
    return child.route(request, remaining)


def live_page_url(model, locale_id):
    """The URL of the first live page of ``model`` in a locale, or ``""``; cached (``core.cache``),
    since a page's URL only changes by publishing or moving it, which starts a new content generation.
    For links between apps to a page that exists once per language (a form page, the support page)."""

    def find():
        page = model.objects.live().filter(locale_id=locale_id).first()
        return page.url if page else ""

    return cached(f"page-url:{model._meta.label_lower}:{locale_id}", find)
