"""Demo maintenance notices on the status page of ``bootstrap_site``: an upcoming, a completed and a
security notice, in Russian and English."""

import datetime as dt

from django.utils import timezone

from support.status import calendar
from support.status.bootstrap import ensure_status_page
from support.status.models import MaintenanceNoticePage

# Why a security update skips the notice period (shown with the notice), in each language.
JUSTIFICATION = {
    "ru": "Уязвимость отмечена разработчиком как критическая.",
    "en": "The vendor rated the vulnerability critical.",
}


def _at(day, hour):
    return dt.datetime.combine(day, dt.time(hour), tzinfo=calendar.MOSCOW)


def load(ctx):
    now = timezone.now()
    status_ru, status_en = ensure_status_page(ctx)
    # A night window on the second working day after the earliest allowed start.
    upcoming_day = calendar.add_working_days(calendar.earliest_allowed_start(now).date(), 1)
    upcoming = (_at(upcoming_day, 1), _at(upcoming_day, 5))
    past_day = (now - dt.timedelta(days=10)).astimezone(calendar.MOSCOW).date()
    completed = (_at(past_day, 1), _at(past_day, 4))
    security_day = (now - dt.timedelta(days=3)).astimezone(calendar.MOSCOW).date()
    security = (_at(security_day, 2), _at(security_day, 3))
    notices = [
        (
            "db-upgrade",
            upcoming,
            "planned",
            {"whole_platform": True},
            ("Обновление базы данных", "Плановое обновление СУБД, сервис будет недоступен."),
            ("Database upgrade", "Planned database upgrade; the service will be unavailable."),
        ),
        (
            "launcher-update",
            completed,
            "planned",
            {"components": ["launcher"]},
            ("Обновление модуля запуска тренажёров", "Обновление WebGL-проигрывателя."),
            ("Trainer launcher update", "WebGL player update."),
        ),
        (
            "security-patch",
            security,
            "security",
            {"components": ["accounts", "web"]},
            ("Критическое обновление безопасности", "Срочное исправление уязвимости."),
            ("Critical security update", "Urgent vulnerability fix."),
        ),
    ]
    for slug, (start, end), kind, affected, (title_ru, text_ru), (title_en, text_en) in notices:
        common = {"starts_at": start, "ends_at": end, "kind": kind, **affected}
        why = JUSTIFICATION if kind == "security" else {"ru": "", "en": ""}
        ctx.ensure_pair(
            status_ru,
            status_en,
            MaintenanceNoticePage,
            slug,
            ru={"title": title_ru, "description": f"<p>{text_ru}</p>", "justification": why["ru"], **common},
            en={"title": title_en, "description": f"<p>{text_en}</p>", "justification": why["en"], **common},
        )
    ctx.log(f"maintenance: status page and {len(notices)} notices")
