"""A content generation for the catalogue's cached query results (taxonomy, facet counts, totals).

Listing results are read fresh on every request; what is cached is derived data that only changes
when editors publish, unpublish, move or delete pages, restrict their visibility or edit taxonomy.
Every cache key contains the current generation; those events replace it, so older entries are
never read again and simply expire.

The generation key is namespaced by database name: environments sharing one Redis (staging, the
integration tests of several checkouts) must never read each other's counts.
"""

import time

from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

ENTRY_SECONDS = 24 * 60 * 60


def _generation_key():
    return f"catalogue:generation:{connection.settings_dict['NAME']}"


def generation():
    key = _generation_key()
    value = cache.get(key)
    if value is None:
        cache.add(key, str(time.time_ns()), None)
        value = cache.get(key)
    return value


def invalidate(**kwargs):
    cache.set(_generation_key(), str(time.time_ns()), None)


def cached(name, compute):
    """``compute()``, cached under ``name`` for the current generation."""
    key = f"catalogue:{generation()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, ENTRY_SECONDS)
    return value


def _restricted_paths():
    return list(PageViewRestriction.objects.order_by().values_list("page__path", flat=True))


def restricted_paths():
    """Tree paths of the pages with a view restriction (their sections are private)."""
    return cached("restricted-paths", _restricted_paths)


def public(queryset):
    """``queryset.public()`` without Wagtail's query for the view restrictions on every call: the
    restricted sections are cached like the rest (restriction changes start a new generation)."""
    private = Q()
    for path in restricted_paths():
        private |= Q(path__startswith=path)
    return queryset.exclude(private) if private else queryset


def _on_model_change(sender, **kwargs):
    from catalogue.models import TAXONOMIES

    # Draft saves of pages change nothing visitors see; the publishing signals cover pages.
    if sender in TAXONOMIES.values() or issubclass(sender, PageViewRestriction):
        invalidate()


def _on_page_delete(sender, **kwargs):
    if issubclass(sender, Page):
        invalidate()


def connect_signals():
    page_published.connect(invalidate, dispatch_uid="catalogue-cache-published")
    page_unpublished.connect(invalidate, dispatch_uid="catalogue-cache-unpublished")
    post_page_move.connect(invalidate, dispatch_uid="catalogue-cache-moved")
    post_save.connect(_on_model_change, dispatch_uid="catalogue-cache-saved")
    post_delete.connect(_on_model_change, dispatch_uid="catalogue-cache-deleted")
    post_delete.connect(_on_page_delete, dispatch_uid="catalogue-cache-page-deleted")
