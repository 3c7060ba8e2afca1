"""Queries shared by the release notes feeds, API, template tags and home page section."""

from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import Locale

from catalogue.cache import public
from catalogue.models import SimulatorPage
from core.params import parse_id, parse_slug

from .models import ReleaseNotePage


def find_trainer(ref):
    """A trainer page by id or slug (any language) or ``LookupError``."""
    pages = SimulatorPage.objects.all()
    page_id = parse_id(ref)
    if page_id is not None:
        page = pages.filter(pk=page_id).first()
    elif parse_slug(ref) is not None:
        page = pages.filter(slug=ref).first()
    else:  # not a slug (a NUL byte would even fail in PostgreSQL)
        page = None
    if page is None:
        raise LookupError(_("No trainer %(ref)s.") % {"ref": ref})
    return page


def notes_queryset(language_code, trainer_ref=None):
    """Live release notes of a language, newest first; with a trainer, the notes about it or the platform."""
    locale = Locale.objects.filter(language_code=language_code).first()
    notes = (
        ReleaseNotePage.objects.live()
        .public()
        .filter(locale=locale)
        .select_related("locale")
        .prefetch_related("trainers")
        .order_by("-release_date", "-pk")
    )
    if trainer_ref:
        notes = for_trainer(notes, find_trainer(trainer_ref))
    return notes


def for_trainer(notes, trainer):
    """Notes that name this trainer (in any of its translations) or concern the whole platform."""
    # A subquery rather than a join: no duplicate rows to remove with DISTINCT.
    naming = ReleaseNotePage.trainers.through.objects.filter(
        simulatorpage__translation_key=trainer.translation_key
    ).values("releasenotepage_id")
    return notes.filter(Q(scope=ReleaseNotePage.SCOPE_PLATFORM) | Q(pk__in=naming))


def latest_for_trainer(trainer, limit=3):
    """The newest live, public notes about a trainer or the platform, in the trainer's language."""
    notes = ReleaseNotePage.objects.live().filter(locale_id=trainer.locale_id)
    return list(public(for_trainer(notes, trainer)).order_by("-release_date", "-pk")[:limit])
