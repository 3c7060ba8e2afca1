"""The catalogue's public interface for other apps (simulators, support, search, the home page):
which trainers are live and public, their cards, the catalogue page of a language, the taxonomy."""

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.models import Locale

from catalogue.cache import public
from catalogue.cards import card_images, prepare_cards
from catalogue.models import CatalogueIndexPage, SimulatorPage
from catalogue.taxonomy import TaxonomyIndex
from core import languages


def _live_public():
    # View restrictions are respected as everywhere in the catalogue: through the cached restricted
    # sections (catalogue.cache.public), not Wagtail's query per call.
    return public(SimulatorPage.objects.live())


def _live_public_trainers(locale):
    if isinstance(locale, Locale):
        return _live_public().filter(locale=locale)
    return _live_public().filter(locale__language_code=locale)


def trainer_titles(language, keys=None):
    """``{translation key: title}`` of every trainer (or those of ``keys``) in ``language``, else in the
    default language, else in any: how staff screens name a trainer whose rows point at one language's
    page (builds, channels, licences, devices)."""
    pages = SimulatorPage.objects.all()
    if keys is not None:
        pages = pages.filter(translation_key__in=list(keys))
    preference = {language: 0, languages.default(): 1}
    titles, ranks = {}, {}
    for key, title, code in pages.values_list("translation_key", "title", "locale__language_code"):
        key, rank = str(key), preference.get(code, 2)
        if rank < ranks.get(key, 3):
            titles[key], ranks[key] = title, rank
    return titles


def live_trainers(locale):
    """Live trainer pages of ``locale`` (a Locale or its language code) that anyone may view, ordered
    by title, with only ``id`` and ``title`` loaded (for choices and lookups)."""
    return _live_public_trainers(locale).order_by("title").only("id", "title")


def trainer_industries(trainer_ids):
    """``{trainer id: industry name}`` for trainer pages: the first industry by name of each, for
    choices grouped by industry (a trainer in several industries is listed once)."""
    links = (
        SimulatorPage.industries.through.objects.filter(simulatorpage_id__in=list(trainer_ids))
        .order_by("industry__name")
        .values_list("simulatorpage_id", "industry__name")
    )
    first = {}
    for trainer_id, name in links:
        first.setdefault(trainer_id, name)
    return first


def live_trainer(page_id):
    """The live trainer page with this id that anyone may view, or None."""
    return _live_public().filter(pk=page_id).first()


def newest_trainers(locale, count):
    """The ``count`` most recently first-published live, public trainer pages of ``locale``."""
    return list(_live_public_trainers(locale).order_by("-first_published_at")[:count])


def trainer_cards(pages, locale, request=None):
    """Cards of ``pages`` (trainer pages of ``locale``) with their images, URLs and taxonomy."""
    pages = list(pages)
    if not pages:
        return pages
    prefetch_related_objects(pages, Prefetch("hero_image", queryset=card_images()))
    return prepare_cards(pages, locale.pk, request)


def catalogue_page_for(locale):
    """The live catalogue page of a locale, if any (for links from other apps)."""
    return CatalogueIndexPage.objects.live().filter(locale=locale).first()


def taxonomy(locale):
    """The taxonomy terms (slug, name in ``locale``, a Locale) of every facet, cached like the listing's."""
    return TaxonomyIndex(locale.pk, SimulatorPage)
