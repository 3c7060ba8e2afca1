"""What the status page shows: state per component and trainer, current, upcoming and past windows."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from support.status import queries
from support.status.choices import COMPONENT_CHOICES, NoticeImpact, NoticeState
from support.status.models.notices import MaintenanceNoticePage
from support.status.subscriptions import SubscriptionForm

OPERATIONAL, MAINTENANCE, DEGRADED = "operational", "maintenance", "degraded"
STATE_LABELS = {
    OPERATIONAL: _("Operational"),
    MAINTENANCE: _("Maintenance"),
    DEGRADED: _("Degraded"),
}
PAST_LIMIT = 20


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

    components = []
    for code, label in COMPONENT_CHOICES:
        affecting = [n for n in current if n.whole_platform or code in n.components]
        components.append(_row(label, affecting))
    trainers = {}
    for notice in current + upcoming:
        for trainer in notice.trainers.all():
            localized = trainer.get_translation_or_none(page.locale) or trainer
            trainers.setdefault(trainer.translation_key, (localized, []))
            if notice in current:
                trainers[trainer.translation_key][1].append(notice)
    trainer_rows = [_row(t.title, affecting, url=t.url) for t, affecting in trainers.values()]
    return {
        "components": components,
        "trainer_rows": trainer_rows,
        "current_notices": current,
        "upcoming_notices": upcoming,
        "past_notices": past,
        "cancelled_notices": cancelled,
        "subscription_form": SubscriptionForm(language=language),
    }


def _row(label, affecting, url=None):
    state = _state_of(affecting)
    return {
        "label": label,
        "state": state,
        "state_label": STATE_LABELS[state],
        "notices": affecting,
        "url": url,
    }
