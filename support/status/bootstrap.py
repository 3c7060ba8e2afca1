"""The status app's part of ``bootstrap_site``: the status page in Russian and English (in the menu)."""

from support.status.models import StatusPage


def ensure_status_page(ctx):
    """The status page with the maintenance subscription under each home page; returns ``(ru, en)``."""
    return ctx.ensure_pair(
        ctx.homes["ru"],
        ctx.homes["en"],
        StatusPage,
        "status",
        ru={
            "title": "Состояние сервиса",
            "show_in_menus": True,
            "subscribe_intro": "Сообщим о профилактических работах не менее чем за 3 рабочих дня.",
            "consent_text": "Я согласен на обработку персональных данных (152-ФЗ) для получения уведомлений.",
        },
        en={
            "title": "Service status",
            "show_in_menus": True,
            "subscribe_intro": "We announce maintenance at least 3 working days in advance.",
            "consent_text": "I agree to the processing of my personal data (152-FZ) to receive notices.",
        },
        keep_existing=True,
    )


def load(ctx):
    ru, en = ensure_status_page(ctx)
    ctx.log_pages("status", ru, en)
