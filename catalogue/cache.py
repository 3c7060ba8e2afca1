"""Cached query results the catalogue's pages and API share (taxonomy, facet counts, which trainers
each page of results holds, view restrictions, what a trainer page shows around the trainer).

They live in the content generation (``core.cache``): moving or deleting pages, editing taxonomy
snippets or view restrictions start a new one, so an entry is never read stale. Publishing a trainer
only moves on the scopes it can change: ``CATALOGUE`` (which trainers a listing or a URL holds) and the
trainer's own page scope (``SimulatorPage.invalidation_scopes``); entries that depend on neither
(taxonomy, renditions, restricted sections, other trainers' pages) stay warm. The rows a page displays
as its own (the trainer, the listing's cards) are read fresh on every request.
"""

from django.db.models import Q
from wagtail.images.models import SourceImageIOError
from wagtail.models import PageViewRestriction

from core.cache import cached as core_cached

ENTRY_SECONDS = 24 * 60 * 60
# The scope of what lists trainers: moved on by publishing or unpublishing any trainer.
CATALOGUE = "catalogue"


def cached(name, compute, scopes=(), quota=None, lock=None):
    """``compute()``, cached under ``name`` for the current generation of ``scopes`` (``core.cache``:
    entries without a scope depend on nothing a trainer's publishing changes; ``lock``: computed by
    one process at a time)."""
    return core_cached(
        f"catalogue:{name}", compute, ENTRY_SECONDS, scopes=list(scopes), quota=quota, lock=lock
    )


def cached_rendition(image, spec):
    """``image.get_rendition(spec)`` (None without an image), cached for the content generation.

    Wagtail's own rendition cache is read and then written again on every ``{% image %}``: two
    round trips per image per page view. Saving an image starts a new generation."""
    if image is None:
        return None
    try:
        return cached(f"rendition:{image.pk}:{spec}", lambda: image.get_rendition(spec))
    except SourceImageIOError:
        # The original cannot be read (storage unreachable, file lost): no image, and nothing
        # cached, so the image is back as soon as the storage is.
        return None


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
