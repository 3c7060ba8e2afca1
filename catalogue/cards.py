"""Trainer cards in bulk: the card rendition, the URL and the taxonomy of many trainer pages at once,
with a constant number of queries (the listing, the trainer page's related trainers, the home page).

Nothing here imports the catalogue's models: it works on the pages it is given."""

import re
from functools import partial

from django.utils.functional import SimpleLazyObject
from wagtail.images import get_image_model
from wagtail.images.models import Filter, SourceImageIOError
from wagtail.models import Page

from catalogue.taxonomy import attach_taxonomy

CARD_RENDITION = "fill-480x300"
# What a card shows (plus what building its URL needs): the wide ``body`` stays in the database.
CARD_FIELDS = (
    "title",
    "slug",
    "path",
    "depth",
    "url_path",
    "locale_id",
    "content_type_id",
    "live",
    "first_published_at",
    "summary",
    "duration_minutes",
    "difficulty",
    "hero_image",
)
PLAIN_SLUG = re.compile(r"[A-Za-z0-9_-]+")


def card_renditions():
    """Card renditions, for ``Prefetch("hero_image__renditions", queryset=card_renditions())``."""
    return get_image_model().get_rendition_model().objects.filter(filter_spec=CARD_RENDITION)


def card_images():
    """Images with their card renditions, for ``Prefetch("hero_image", queryset=card_images())``."""
    return get_image_model().objects.prefetch_renditions(CARD_RENDITION)


def attach_card_images(pages):
    """Set ``page.card_image`` (the card rendition or None) from renditions prefetched on the image.

    ``Image.get_rendition`` also writes every rendition back to the cache; with the rendition already
    prefetched that is a network round trip per card for nothing, so it is called only for renditions
    that do not exist yet.
    """
    card_filter = Filter(spec=CARD_RENDITION)
    for page in pages:
        image = page.hero_image
        if image is None:
            page.card_image = None
            continue
        try:
            page.card_image = image.find_existing_rendition(card_filter)
        except image.get_rendition_model().DoesNotExist:
            # Generated when the card is first shown, as the {% image %} tag would.
            page.card_image = SimpleLazyObject(partial(rendition_or_none, image, card_filter))


def rendition_or_none(image, filter_spec):
    """``image.get_rendition(filter_spec)``, or None while the original cannot be read (storage
    unreachable, file lost): the card shows no image instead of failing the page."""
    try:
        return image.get_rendition(filter_spec)
    except SourceImageIOError:
        return None


def attach_urls(pages, request):
    """Set ``page.card_url``. ``Page.get_url`` costs a site match and a ``reverse()`` per page;
    siblings only differ by their slug, so it runs once per parent and the rest is derived."""
    prefixes = {}
    for page in pages:
        parent_path = page.path[: -Page.steplen]
        prefix = prefixes.get(parent_path)
        if prefix is not None and PLAIN_SLUG.fullmatch(page.slug):
            page.card_url = f"{prefix}{page.slug}/"
            continue
        page.card_url = page.get_url(request)
        suffix = f"{page.slug}/"
        if page.card_url and PLAIN_SLUG.fullmatch(page.slug) and page.card_url.endswith(f"/{suffix}"):
            prefixes[parent_path] = page.card_url[: -len(suffix)]


def prepare_cards(pages, locale_id, request=None, index=None):
    """Load what a trainer card shows for ``pages`` in bulk: rendition, URL and taxonomy.

    ``hero_image`` must be prefetched with :func:`card_images` (or selected with the card renditions
    prefetched) for the renditions to come without a query per card."""
    attach_card_images(pages)
    attach_urls(pages, request)
    attach_taxonomy(pages, locale_id, index)
    return pages
