"""The one question every view asks: which maintenance windows affect a trainer at a time.

Used by the banner, the status page, the API/feeds and (through the ``vt_maintenance_windows`` hook,
see ``wagtail_hooks``) the helpdesk's triage hint.
"""

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Locale

from core import languages
from support.status.models.notices import MaintenanceNoticePage


def _effective_end_after(moment):
    """Windows not finished at ``moment`` (completed early counts as finished)."""
    return Q(ends_at__gt=moment) & (Q(completed_at__isnull=True) | Q(completed_at__gt=moment))


def windows_affecting(
    trainer=None, at=None, horizon=None, *, lookback=None, language=None, include_cancelled=False
):
    """Live notices whose window affects ``trainer`` at ``at`` (or starts within ``horizon``).

    - ``trainer``: a ``catalogue.SimulatorPage`` (any locale; matched by translation key) or None for
      "any trainer". Notices for the whole platform always match; component-only notices match only
      when ``trainer`` is None.
    - ``at``: an aware datetime (default: now). A window matches when ``starts_at <= at < end``.
    - ``horizon``: a ``timedelta``; windows starting in ``(at, at + horizon]`` match too.
    - ``lookback``: a ``timedelta``; windows that were in progress at any moment of
      ``[at - lookback, at]`` match too (a fault reported shortly after works ended).
    - ``language``: the locale of the returned pages (default: the active language); one page per
      notice, falling back to any locale when the notice has no translation in ``language``.

    Returns a list of ``MaintenanceNoticePage`` ordered by start.
    """
    at = at or timezone.now()
    qs = MaintenanceNoticePage.live_notices() if not include_cancelled else all_live()
    since = at - lookback if lookback else at
    window = Q(starts_at__lte=at) & _effective_end_after(since)
    if horizon is not None:
        window |= Q(starts_at__gt=at, starts_at__lte=at + horizon)
    qs = qs.filter(window)
    if trainer is not None:
        qs = qs.filter(Q(whole_platform=True) | Q(trainers__translation_key=trainer.translation_key))
    return one_per_notice(qs.distinct().order_by("starts_at", "pk"), language)


def all_live():
    return MaintenanceNoticePage.objects.live()


def one_per_notice(queryset, language=None):
    """Collapse translations: keep the page in ``language`` when it exists, else the first one."""
    language = languages.supported(language) if language else languages.current()
    locale_id = Locale.objects.filter(language_code=language).values_list("pk", flat=True).first()
    chosen = {}
    order = []
    for page in queryset:
        key = page.translation_key
        if key not in chosen:
            order.append(key)
            chosen[key] = page
        elif page.locale_id == locale_id:
            chosen[key] = page
    return [chosen[key] for key in order]


def valid_until(moment, longest, horizon=None):
    """Until when data about the windows shown at ``moment`` holds: their next change by the clock
    (``next_change_after``), or ``longest`` seconds on when none is due (callers cap their cache
    lifetimes at ``longest`` too)."""
    next_change = next_change_after(moment, horizon)
    return next_change if next_change is not None else moment + dt.timedelta(seconds=longest)


def next_change_after(moment, horizon=None):
    """The next moment after ``moment`` when the set of shown windows changes by the clock.

    That is the next start, end or early completion of a live window, and (with ``horizon``) the
    next moment a window enters the "upcoming within the horizon" range. Bounds cache lifetimes.
    """
    qs = MaintenanceNoticePage.live_notices()
    candidates = []
    for name in ("starts_at", "ends_at", "completed_at"):
        value = qs.filter(**{f"{name}__gt": moment}).order_by(name).values_list(name, flat=True).first()
        candidates.append(value)
    if horizon is not None:
        value = (
            qs.filter(starts_at__gt=moment + horizon)
            .order_by("starts_at")
            .values_list("starts_at", flat=True)
        ).first()
        candidates.append(value - horizon if value else None)
    candidates = [value for value in candidates if value is not None]
    return min(candidates) if candidates else None
