"""What the status page shows: state per component and trainer, open incidents and their history,
current, upcoming and past windows."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from support.monitoring import queries as monitoring
from support.monitoring.probes import PUBLIC, label_of
from support.status import incident_queries, queries
from support.status.choices import COMPONENT_CHOICES, MONITORED_BY, IncidentImpact, NoticeImpact, NoticeState
from support.status.models.notices import MaintenanceNoticePage
from support.status.subscriptions import SubscriptionForm

OPERATIONAL, MAINTENANCE, DEGRADED, DOWN, UNKNOWN = (
    "operational",
    "maintenance",
    "degraded",
    "down",
    "unknown",
)
STATE_LABELS = {
    OPERATIONAL: _("Operational"),
    MAINTENANCE: _("Maintenance"),
    DEGRADED: _("Degraded"),
    DOWN: _("Outage"),
    UNKNOWN: _("No data"),
}
PROBE_STATES = {"ok": OPERATIONAL, "degraded": DEGRADED, "down": DOWN}
PAST_LIMIT = 20
UPTIME_DAYS = 90


def _state_of(notices):
    if any(n.impact == NoticeImpact.MAINTENANCE for n in notices):
        return MAINTENANCE
    return DEGRADED if notices else OPERATIONAL


def status_context(page, request):
    now = timezone.now()
    language = page.locale.language_code
    current = queries.windows_affecting(at=now, language=language)
    upcoming = queries.one_per_notice(
        MaintenanceNoticePage.live_notices().filter(starts_at__gt=now), language
    )
    started = (
        MaintenanceNoticePage.live_notices()
        .filter(starts_at__lte=now)
        .order_by("-starts_at")[: PAST_LIMIT * 4]
    )
    past = [n for n in queries.one_per_notice(started, language) if n.state(now) == NoticeState.COMPLETED]
    past = sorted(past, key=lambda n: n.effective_end, reverse=True)[:PAST_LIMIT]
    cancelled = queries.one_per_notice(
        queries.all_live().filter(cancelled=True, ends_at__gt=now).order_by("starts_at"), language
    )

    components = monitored_rows(current, now) or [
        # Before the monitor's first round: the components as the notices describe them.
        _row(label, [n for n in current if n.whole_platform or code in n.components])
        for code, label in COMPONENT_CHOICES
    ]
    trainers = {}
    for notice in current + upcoming:
        for trainer in notice.trainers.all():
            localized = trainer.get_translation_or_none(page.locale) or trainer
            trainers.setdefault(trainer.translation_key, (localized, []))
            if notice in current:
                trainers[trainer.translation_key][1].append(notice)
    trainer_rows = [_row(t.title, affecting, url=t.url) for t, affecting in trainers.values()]
    incidents = incident_queries.board(language)
    trainer_rows = _with_incident_trainers(trainer_rows, trainers, incidents["open"])
    return {
        "every_trainer_affected": any(card["every_trainer"] for card in incidents["open"]),
        "open_incidents": incidents["open"],
        "incident_history": incidents["history"],
        "components": components,
        "trainer_rows": trainer_rows,
        "current_notices": current,
        "upcoming_notices": upcoming,
        "past_notices": past,
        "cancelled_notices": cancelled,
        "subscription_form": SubscriptionForm(language=language),
    }


def _with_incident_trainers(rows, noticed, open_incidents):
    """The trainer rows, with the trainers named by open incidents: an outage (partial or major) or
    degraded, whichever is worst; a trainer also under maintenance keeps its maintenance row."""
    keys = {str(key) for key in noticed}
    worst = {}
    for card in open_incidents:
        state = DEGRADED if card["impact"] == IncidentImpact.DEGRADED else DOWN
        for trainer in card["trainers"]:
            if trainer["key"] in keys:
                continue
            title, url, known = worst.get(trainer["key"], (trainer["title"], trainer["url"], DEGRADED))
            worst[trainer["key"]] = (title, url, DOWN if DOWN in (state, known) else DEGRADED)
    return rows + [_row(title, [], url=url or None, state=state) for title, url, state in worst.values()]


def covering(notices, code):
    """The notices whose window covers the monitored component ``code``."""
    return [
        n for n in notices if n.whole_platform or any(code in MONITORED_BY.get(c, ()) for c in n.components)
    ]


def monitored_rows(current, now):
    """A row per public monitored component: its live state (maintenance when a current notice covers
    it, else the latest probe) and its daily uptime over ``UPTIME_DAYS`` days."""
    days = monitoring.daily_uptime(UPTIME_DAYS, PUBLIC, now=now)
    latest = monitoring.latest_samples(list(days), now=now)
    totals = monitoring.period_uptime(days)
    rows = []
    for code in PUBLIC:
        if code not in days:
            continue
        affecting = covering(current, code)
        sample = latest.get(code)
        probed = PROBE_STATES[sample.status] if sample else UNKNOWN
        row = _row(label_of(code), affecting, state=_state_of(affecting) if affecting else probed)
        row.update(code=code, days=[_bar(day) for day in days[code]], uptime=totals[code])
        rows.append(row)
    return rows


def _bar(day):
    uptime = day["uptime"]
    if day["maintenance"] and (uptime is None or uptime >= 99.95):
        level = "maintenance"  # declared works and no outage besides them
    elif uptime is None:
        level = "none"
    elif uptime >= 99.95:
        level = "full"
    elif uptime >= 99:
        level = "good"
    elif uptime >= 95:
        level = "partial"
    else:
        level = "bad"
    return {**day, "level": level}


def _row(label, affecting, url=None, state=None):
    state = state or _state_of(affecting)
    return {
        "label": label,
        "state": state,
        "state_label": STATE_LABELS[state],
        "notices": affecting,
        "url": url,
    }
