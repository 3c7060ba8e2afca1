"""Triage hints: facts that suggest "not a fault" to the engineer. Humans decide."""

import logging
from datetime import timedelta

from django.conf import settings

logger = logging.getLogger(__name__)


def possible_planned_maintenance(report) -> list[dict]:
    """Maintenance windows affecting the report's trainer at (or shortly before) filing time.

    Delegates to ``support.maintenance.queries.windows_affecting(trainer, at)`` when the maintenance
    sub-package provides it; each returned window should expose ``id`` (or ``pk``) and ``title``.
    """
    try:
        from support.maintenance.queries import windows_affecting
    except ImportError:
        return []
    hints = []
    seen = set()
    lookback = timedelta(hours=settings.SUPPORT_MAINTENANCE_HINT_HOURS)
    for at in (report.created_at, report.created_at - lookback):
        try:
            windows = windows_affecting(report.trainer, at)
        except Exception:
            logger.exception("windows_affecting failed for %s", report.reference)
            return hints
        for window in windows or ():
            notice_id = getattr(window, "pk", None) or getattr(window, "id", None)
            if notice_id in seen:
                continue
            seen.add(notice_id)
            hints.append(
                {
                    "code": "planned_maintenance",
                    "notice_id": notice_id,
                    "title": str(getattr(window, "title", "")),
                }
            )
    return hints


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


def compute_hints(report) -> list[dict]:
    return possible_planned_maintenance(report) + possible_incompatible_equipment(report)
