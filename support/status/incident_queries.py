"""What the status page, the incident page, the API, the feeds and the banner show of incidents.

Incidents are read as plain dicts in one language, cached through ``core.cache``: saving an incident or
an update (declared models of the app) starts a new content generation, so nothing shown is stale.
"""

import datetime as dt

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import override

from catalogue.models import SimulatorPage
from core import languages
from core.cache import cached
from support.monitoring.probes import label_of
from support.status.choices import USER_FACING_COMPONENTS, IncidentImpact, IncidentStatus
from support.status.models.incidents import Incident, IncidentUpdate

HISTORY_DAYS = 90
HISTORY_LIMIT = 20


def with_relations(queryset):
    return queryset.prefetch_related(
        "components",
        "trainers",
        Prefetch("updates", queryset=IncidentUpdate.objects.order_by("-posted_at", "-pk")),
    )


def cards(incidents, language):
    """One dict per incident in ``language``: the page's, the API's and the feeds' view of it."""
    incidents = list(incidents)
    keys = {t.translation_key for i in incidents for t in i.trainers.all()}
    localized = {
        page.translation_key: page
        for page in SimulatorPage.objects.live().filter(
            translation_key__in=keys, locale__language_code=language
        )
    }
    with override(language):
        return [_card(incident, language, localized) for incident in incidents]


def _card(incident, language, localized):
    trainers = []
    for trainer in incident.trainers.all():
        page = localized.get(trainer.translation_key)
        trainers.append(
            {
                "key": str(trainer.translation_key),
                "title": page.title if page else trainer.title,
                "url": page.url if page else "",
            }
        )
    codes = sorted(c.code for c in incident.components.all())
    return {
        "id": incident.pk,
        "title": incident.title(language),
        "impact": incident.impact,
        "impact_label": str(IncidentImpact(incident.impact).label),
        "status": incident.status,
        "status_label": str(IncidentStatus(incident.status).label),
        "is_open": incident.is_open,
        "started_at": incident.started_at,
        "resolved_at": incident.resolved_at,
        "updated_at": incident.updated_at,
        "url": incident.url(language),
        "opened_by_monitor": incident.opened_by_monitor,
        "components": [{"code": code, "label": str(label_of(code))} for code in codes],
        # A user-facing component, or nothing named at all (the whole platform): see ``open_affecting``.
        "every_trainer": any(code in USER_FACING_COMPONENTS for code in codes) or not (codes or trainers),
        "trainers": trainers,
        "updates": [
            {
                "posted_at": update.posted_at,
                "status": update.status,
                "status_label": str(IncidentStatus(update.status).label),
                "message": update.message(language),
            }
            for update in incident.updates.all()
        ],
    }


def board(language=None):
    """``{"open": [...], "history": [...]}``: open incidents (most severe, then newest first) and the
    incidents resolved in the last ``HISTORY_DAYS`` days (newest first, at most ``HISTORY_LIMIT``)."""
    language = _language(language)

    def compute():
        since = timezone.now() - dt.timedelta(days=HISTORY_DAYS)
        unresolved = with_relations(Incident.objects.unresolved())
        severity = {IncidentImpact.MAJOR: 0, IncidentImpact.PARTIAL: 1, IncidentImpact.DEGRADED: 2}
        open_cards = sorted(cards(unresolved, language), key=lambda c: severity[c["impact"]])
        history = with_relations(Incident.objects.resolved().filter(resolved_at__gte=since))
        return {
            "open": open_cards,
            "history": cards(history.order_by("-resolved_at")[:HISTORY_LIMIT], language),
        }

    return cached(f"status:incidents:{language}", compute)


def detail(pk, language=None):
    """The card of incident ``pk`` in ``language``, or None."""
    language = _language(language)
    incident = with_relations(Incident.objects.filter(pk=pk)).first()
    return cards([incident], language)[0] if incident else None


def _language(language):
    return languages.supported(language) if language else languages.current()


def feed(language=None, limit=50):
    """The cards of the newest ``limit`` incidents (by start), for the feeds and the calendar."""
    language = _language(language)
    return cached(
        f"status:incidents:feed:{language}:{limit}",
        lambda: cards(with_relations(Incident.objects.order_by("-started_at", "-pk"))[:limit], language),
    )


def open_affecting(trainer_key, at):
    """The incidents open at ``at`` that affect the trainer of ``trainer_key`` (a translation key, str or
    UUID): those naming it, those on a user-facing component (every trainer), and those naming neither
    trainers nor components (the whole platform). ``None``: the incidents affecting every trainer."""
    everyone = Q(components__code__in=USER_FACING_COMPONENTS) | Q(
        trainers__isnull=True, components__isnull=True
    )
    matching = everyone if trainer_key is None else everyone | Q(trainers__translation_key=str(trainer_key))
    return Incident.objects.open_at(at).filter(matching).distinct().order_by("-started_at", "-pk")
