"""What may be published as a maintenance notice: refusals and editor warnings.

Kept apart from the admin form so the API, the publish hook and the tests share one set of rules.
All messages name times in Moscow time with the zone spelled out.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from support.status import calendar


def format_moscow(moment):
    """``25.11.2026 00:00 МСК (UTC+3)``: one unambiguous form in both languages."""
    return f"{calendar.to_moscow(moment):%d.%m.%Y %H:%M} {zone_label()}"


def zone_label():
    return _("MSK (UTC+3)")


def working_hours():
    start, end = settings.MAINTENANCE_WORKING_HOURS.split("-")
    return dt.time.fromisoformat(start.strip()), dt.time.fromisoformat(end.strip())


@dataclass
class Window:
    """The parts of a notice the rules look at (form data or a saved page)."""

    starts_at: dt.datetime | None
    ends_at: dt.datetime | None
    kind: str = "planned"
    justification: str = ""
    cancelled: bool = False
    whole_platform: bool = False
    components: list = field(default_factory=list)
    trainer_keys: list = field(default_factory=list)


@dataclass
class Verdict:
    errors: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)

    def refuse(self, field_name, message):
        self.errors.setdefault(field_name, []).append(message)


def check(window, *, publishing, now=None, notified_at=None, previous=None, exclude_key=None, notices=None):
    """Refusals (``errors`` per field) and ``warnings`` for a notice window.

    ``notified_at`` is when users were first told about this notice (its first publication), used
    when the live window is not moved earlier (``previous`` = the live ``(starts_at, ends_at)``);
    otherwise the notice period counts from ``now``. ``notices``: the live notices to warn about
    overlaps with (``MaintenanceNoticePage.live_notices()``; the rules do not import the model, whose
    admin form runs them); ``None`` skips that warning.
    """
    now = now or timezone.now()
    verdict = Verdict()
    start, end = window.starts_at, window.ends_at
    if not window.whole_platform and not window.components and not window.trainer_keys:
        verdict.refuse(
            "whole_platform", _("Choose what is affected: the whole platform, components or trainers.")
        )
    if window.kind == "security" and not window.justification.strip():
        verdict.refuse("justification", _("A critical security update needs a justification."))
    if start is None or end is None:
        return verdict
    if end <= start:
        verdict.refuse("ends_at", _("The window must end after it starts."))
        return verdict
    if window.cancelled:
        return verdict
    times_changed = previous is None or tuple(previous) != (start, end)
    if publishing and times_changed and end <= now:
        verdict.refuse("ends_at", _("The window is entirely in the past."))
        return verdict
    if window.kind == "planned":
        if publishing:
            moved_earlier = previous is None or start < previous[0]
            reference = now if (moved_earlier or notified_at is None) else notified_at
            earliest = calendar.earliest_allowed_start(reference)
            if start < earliest:
                verdict.refuse(
                    "starts_at",
                    _(
                        "Planned works need notice of at least 3 working days. "
                        "The earliest allowed start is %(earliest)s."
                    )
                    % {"earliest": format_moscow(earliest)},
                )
        if calendar.working_hours_overlap(start, end, working_hours()):
            verdict.warnings.append(
                _("The window overlaps working hours (%(hours)s Moscow time on working days).")
                % {"hours": settings.MAINTENANCE_WORKING_HOURS}
            )
    if notices is not None:
        verdict.warnings.extend(overlap_warnings(window, notices, exclude_key=exclude_key))
    return verdict


def overlap_warnings(window, notices, exclude_key=None):
    """Warnings for other live, non-cancelled windows (of ``notices``) overlapping this one on a shared
    target."""
    others = notices.filter(starts_at__lt=window.ends_at, ends_at__gt=window.starts_at)
    if exclude_key:
        others = others.exclude(translation_key=exclude_key)
    warnings, seen = [], set()
    for other in others.prefetch_related("trainers"):
        if other.translation_key in seen:
            continue
        seen.add(other.translation_key)
        other_keys = {str(t.translation_key) for t in other.trainers.all()}
        shared = (
            window.whole_platform
            or other.whole_platform
            or set(window.components) & set(other.components)
            or {str(k) for k in window.trainer_keys} & other_keys
        )
        if shared:
            warnings.append(
                _("The window overlaps another notice on the same component: “%(title)s” (%(start)s).")
                % {"title": other.title, "start": format_moscow(other.starts_at)}
            )
    return warnings
