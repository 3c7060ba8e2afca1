"""Background work: building the catalogue's facet indexes again after a change, before visitors ask.

A change the facet indexes depend on (publishing or unpublishing a trainer moves on the catalogue's
generation; a taxonomy edit, like any other snippet, page move or deletion, moves on every generation)
drops them all; without this task the first visitor of each catalogue page would pay the build (1.5 s
at 10,000 trainers). The change queues one run once it has committed (``core.cache.generation_moved``),
unless a run is already queued: a burst of publishes queues one build, not one per publish.
"""

import logging

from django_tasks import task
from wagtail.models import Locale

from catalogue.cache import CATALOGUE
from catalogue.listing import facet_index
from catalogue.models import CatalogueIndexPage, SimulatorPage
from core.cache import BASE, claim, generation_moved, release

logger = logging.getLogger(__name__)

# The shared flag of a queued run; it lapses on its own if the queue never runs it.
QUEUED = "catalogue:facet-index-warm-up"
QUEUED_SECONDS = 10 * 60


@task()
def warm_facet_indexes() -> int:
    """Build the facet index of every live catalogue page and of the API in every language; returns
    how many were built (or found built by a visitor meanwhile)."""
    # First: a change that commits from now on may be missing from what this run reads, so it must
    # be able to queue the next run.
    release(QUEUED)
    built = 0
    for page in CatalogueIndexPage.objects.live().only("pk", "path", "depth", "locale_id"):
        facet_index(SimulatorPage, page.locale_id, page)
        built += 1
    for locale_id in Locale.objects.values_list("pk", flat=True):
        facet_index(SimulatorPage, locale_id)
        built += 1
    return built


def queue_warm_up(sender, scopes, **kwargs):
    """Queue a run of :func:`warm_facet_indexes` after a committed change that dropped the facet
    indexes (``core.cache.generation_moved``), unless one is queued already."""
    if (BASE not in scopes and CATALOGUE not in scopes) or not claim(QUEUED, QUEUED_SECONDS):
        return
    try:
        warm_facet_indexes.enqueue()
    except Exception:  # the change has committed: a queue that fails leaves the build to the first visitor
        release(QUEUED)
        logger.exception("catalogue: could not queue the facet index warm-up")


def connect():
    """Queue the warm-up after every committed change that drops the facet indexes."""
    generation_moved.connect(queue_warm_up, dispatch_uid="catalogue-facet-index-warm-up")
