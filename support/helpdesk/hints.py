"""Triage hints: facts that suggest "not a fault" to the engineer. Humans decide."""

import logging
import re
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
# no hint. Called from the intake's background triage (``triage``), never in the request.
#
# ``vt_installation_hints``: ``fn(trainer_key: str, platform: str, version: str, customer_id: int | None)
#     -> list[dict]``: facts about the installed build of the trainer whose translation key is
#     ``trainer_key``, on ``platform`` (a build platform code, "" when the reporter did not say), at
#     ``version``, for the customer the UIN belongs to (None: unknown, the default channel applies).
#     Hints in this module's shape: ``{"code": "outdated_version", "latest": "1.4.0", "channel": "stable"}``
#     (a newer build is on the customer's channel) or ``{"code": "withdrawn_build", "version": "1.3.0"}``.
INSTALLATION_HOOK = "vt_installation_hints"
# The codes the hook may answer; anything else it returns is dropped.
INSTALLATION_CODES = frozenset({"outdated_version", "withdrawn_build"})


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


# A minimum firmware written into a requirement's headset entry: "Pico 4 (firmware 5.7)", "прошивка от 5.7".
FIRMWARE_RE = re.compile(r"(?:firmware|прошивк\w*)\s*(?:>=|≥|от|from)?\s*v?(\d+(?:\.\d+)*)", re.IGNORECASE)


def _words(text) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _numbers(version) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:4])


def possible_unsupported_headset(report) -> list[dict]:
    """The reported headset is none of those the trainer's system requirements list, or its firmware is
    older than the minimum a listed entry names. Nothing is said when the trainer lists no headset."""
    device = (report.device_model or "").strip()
    if not device or report.trainer_id is None or report.trainer is None:
        return []
    listed = [
        text for text in report.trainer.system_requirements.values_list("headset", flat=True) if text.strip()
    ]
    entries = [entry.strip() for text in listed for entry in re.split(r"[,;/\n]", text) if entry.strip()]
    if not entries:
        return []
    reported = _words(device)
    for entry in entries:
        model = _words(FIRMWARE_RE.split(entry)[0].replace("(", " "))
        if model and (model <= reported or reported <= model):
            minimum = FIRMWARE_RE.search(entry)
            if minimum and report.firmware and _numbers(report.firmware) < _numbers(minimum.group(1)):
                detail = f"firmware {report.firmware} of {device} is older than {minimum.group(1)} ({entry})"
                return [{"code": "incompatible_equipment", "detail": detail}]
            return []
    detail = f"headset {device} is not among the trainer's: {'; '.join(listed)}"
    return [{"code": "incompatible_equipment", "detail": detail}]


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
        hints += [hint for hint in found if isinstance(hint, dict) and hint.get("code") in INSTALLATION_CODES]
    return hints


def compute_hints(report) -> list[dict]:
    return (
        possible_planned_maintenance(report)
        + possible_incompatible_equipment(report)
        + possible_unsupported_headset(report)
    )
