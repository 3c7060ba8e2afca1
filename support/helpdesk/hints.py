"""Triage hints: facts that suggest "not a fault" to the engineer. Humans decide."""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from wagtail import hooks

from .snapshots import snapshot

logger = logging.getLogger(__name__)

# Hooks answered by the status app (the helpdesk never imports it); with no app answering, no hint.
#
# ``vt_maintenance_spans``: ``fn(since, until) -> iterable of (starts_at, ends_at)``, the scheduled
#     window of every live maintenance notice that overlaps ``[since, until)`` (any trainer, any
#     translation; cancelled ones included). Cheap: its result is kept in a snapshot.
# ``vt_maintenance_windows``: ``fn(trainer, at, lookback) -> list of {"notice_id": int, "title": str}``,
#     the live, non-cancelled maintenance windows affecting ``trainer`` (a ``catalogue.SimulatorPage``
#     or None) at ``at`` or at any moment of the ``lookback`` before it, in the active language.
SPANS_HOOK = "vt_maintenance_spans"
WINDOWS_HOOK = "vt_maintenance_windows"

# Hook answered by the simulators app (release channels and the update manifest); with no app answering,
# no hint. Called from the intake's background task (``tasks.process_arrival``), never in the request.
#
# ``vt_installation_hints``: ``fn(trainer_key: str, platform: str, version: str, customer_id: int | None)
#     -> list[dict]``: facts about the installed build of the trainer whose translation key is
#     ``trainer_key``, on ``platform`` (a build platform code, "" when the reporter did not say), at
#     ``version``, for the customer the UIN belongs to (None: unknown, the default channel applies).
#     Hints in this module's shape: ``{"code": "outdated_version", "latest": "1.4.0", "channel": "stable"}``
#     (a newer build is on the customer's channel) or ``{"code": "withdrawn_build", "version": "1.3.0"}``.
INSTALLATION_HOOK = "vt_installation_hints"
# Codes the background task computes; a retry of the task replaces them instead of adding them again.
ARRIVAL_CODES = frozenset({"unknown_uin", "outdated_version", "withdrawn_build"})


def _spans_near(since, until, *, lookback):
    """(start, end) of the live windows that reach into ``[since - lookback, until)``."""
    return [tuple(span) for fn in hooks.get_hooks(SPANS_HOOK) for span in fn(since - lookback, until)]


def _windows_affecting(trainer, at, lookback):
    return [window for fn in hooks.get_hooks(WINDOWS_HOOK) for window in fn(trainer, at, lookback)]


def possible_planned_maintenance(report) -> list[dict]:
    """Maintenance windows affecting the report's trainer at filing time or shortly before it."""
    lookback = timedelta(hours=settings.SUPPORT_MAINTENANCE_HINT_HOURS)
    at = report.created_at
    try:
        # Most reports arrive with no works anywhere near: a snapshot of the windows near now answers
        # that, and the full (translation- and trainer-aware) question is asked only when some window
        # overlaps at all.
        spans = snapshot("maintenance-spans", at, partial(_spans_near, lookback=lookback))
        if not any(starts <= at and ends > at - lookback for starts, ends in spans):
            return []
        windows = _windows_affecting(report.trainer, at, lookback)
    except Exception:
        # A hint is a convenience for staff: it must never cost the user their report.
        logger.exception("maintenance hint failed for a report filed at %s", at)
        return []
    return [
        {"code": "planned_maintenance", "notice_id": window["notice_id"], "title": window["title"]}
        for window in windows
    ]


def _requires_webgl(trainer) -> bool:
    """True when the trainer runs in the browser (WebGL); reads what the catalogue page offers."""
    if trainer is None:
        return False
    specific = getattr(trainer, "specific", trainer)
    for attr in ("requires_webgl2", "requires_webgl", "is_webgl"):
        value = getattr(specific, attr, None)
        if value is not None and not callable(value):
            return bool(value)
    text_parts = []
    for attr in ("platform", "platforms", "launch_type", "system_requirements"):
        value = getattr(specific, attr, None)
        if value is None:
            continue
        if hasattr(value, "all"):
            text_parts.extend(str(item) for item in value.all())
        else:
            text_parts.append(str(value))
    text = " ".join(text_parts).lower()
    return "webgl" in text or "browser" in text or "браузер" in text


def possible_incompatible_equipment(report) -> list[dict]:
    env = report.environment or {}
    webgl2 = env.get("webgl2")
    lacks_webgl2 = webgl2 is False or str(webgl2).lower() in {"false", "no", "0"}
    if lacks_webgl2 and _requires_webgl(report.trainer):
        return [
            {"code": "incompatible_equipment", "detail": "WebGL 2 not available in the reporter's browser"}
        ]
    return []


def installation_hints(report, customer_id) -> list[dict]:
    """What the release channels know about the reported version (outdated, withdrawn)."""
    if not (report.trainer_id and report.trainer_version):
        return []
    hints = []
    for fn in hooks.get_hooks(INSTALLATION_HOOK):
        try:
            found = fn(
                str(report.trainer.translation_key), report.platform, report.trainer_version, customer_id
            )
        except Exception:
            # A hint is a convenience for staff: a failing answer must never stop the arrival's processing.
            logger.exception("installation hint failed for report %s", report.pk)
            continue
        hints += [hint for hint in found if isinstance(hint, dict) and hint.get("code") in ARRIVAL_CODES]
    return hints


def compute_hints(report) -> list[dict]:
    return possible_planned_maintenance(report) + possible_incompatible_equipment(report)
