"""A small public interface of the catalogue for other apps (simulators, support, search)."""

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model

from catalogue.models import SimulatorPage
from catalogue.taxonomy import attach_taxonomy


def live_trainers(locale):
    """Live, public trainer pages of ``locale`` (a Locale instance), ordered by title."""
    return SimulatorPage.objects.live().public().filter(locale=locale).order_by("title")


def trainer_cards(pages, locale, rendition="fill-480x300"):
    """Load what a trainer card shows (hero image rendition and taxonomy) for ``pages`` in bulk."""
    pages = list(pages)
    if not pages:
        return pages
    images = get_image_model().objects.prefetch_renditions(rendition)
    prefetch_related_objects(pages, Prefetch("hero_image", queryset=images))
    attach_taxonomy(pages, locale.pk)
    return pages
