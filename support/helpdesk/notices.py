"""The maintenance notices a "not a fault: planned maintenance" closure may name: staff choose one from
a list (the recent and upcoming notices, those affecting the report's trainer first) instead of typing
a number nobody checks, and the reporter's message names the chosen one.

Hook called here (answered by the status app, which the helpdesk never imports; with no app
answering, the list is empty and the closure cannot name a notice):

``vt_maintenance_notices``: ``fn(trainer_key: str | None, at: datetime, days: int) -> list[dict]``, the
    live, non-cancelled notices whose window overlaps ``[at - days, at + days]``, those affecting the
    trainer whose translation key is ``trainer_key`` (or the whole platform) first, each
    ``{"id": int, "title_ru", "title_en", "url_ru", "url_en": str, "starts_at", "ends_at": datetime,
    "affects_trainer": bool}`` (``id``: the notice page in the default language).
"""

from django.conf import settings
from wagtail import hooks

NOTICES_HOOK = "vt_maintenance_notices"
# How far around the report's filing time notices are offered.
NOTICE_DAYS = 14


def notice_choices(report) -> list[dict]:
    """The notices staff may link to ``report``'s planned-maintenance closure."""
    trainer_key = str(report.trainer.translation_key) if report.trainer_id and report.trainer else None
    return [
        notice
        for fn in hooks.get_hooks(NOTICES_HOOK)
        for notice in fn(trainer_key, report.created_at, NOTICE_DAYS)
    ]


def for_reporter(notice: dict, language: str) -> dict:
    """The notice's title and absolute address in the reporter's language, for their message."""
    suffix = "en" if language == "en" else "ru"
    path = notice.get(f"url_{suffix}") or notice.get("url_ru") or ""
    if path.startswith("/"):
        path = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
    return {"notice_title": notice.get(f"title_{suffix}") or notice.get("title_ru", ""), "notice_url": path}
