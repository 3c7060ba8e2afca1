import datetime as dt

import pytest

from support.status import calendar
from support.status.models import MaintenanceNoticePage, StatusPage


def msk(*args):
    return dt.datetime(*args, tzinfo=calendar.MOSCOW)


@pytest.fixture
def status(site_shell):
    ru, en = site_shell.ensure_pair(
        site_shell.homes["ru"],
        site_shell.homes["en"],
        StatusPage,
        "status",
        ru={"title": "Состояние сервиса"},
        en={"title": "Service status"},
    )
    return site_shell, ru, en


@pytest.fixture
def make_notice(status):
    ctx, status_ru, status_en = status

    def make(slug, start, end, **fields):
        fields.setdefault("whole_platform", True)
        ru, en = ctx.ensure_pair(
            status_ru,
            status_en,
            MaintenanceNoticePage,
            slug,
            ru={
                "title": f"Работы {slug}",
                "description": "<p>Текст</p>",
                "starts_at": start,
                "ends_at": end,
                **fields,
            },
            en={
                "title": f"Works {slug}",
                "description": "<p>Text</p>",
                "starts_at": start,
                "ends_at": end,
                **fields,
            },
        )
        return ru, en

    return make


@pytest.fixture(autouse=True)
def announce_at_once(monkeypatch):
    """Tests run inside one transaction, so run the after-commit announcement immediately."""
    import types

    from support.status import signals

    monkeypatch.setattr(signals, "transaction", types.SimpleNamespace(on_commit=lambda fn: fn()))


@pytest.fixture
def trainer(make_trainer):
    """A trainer in Russian with its English translation: ``(ru, en)``."""
    return make_trainer()


@pytest.fixture
def events():
    """The ``vt_incident_event`` calls, as ``(event, payload)``, answered by a recording hook."""
    from wagtail import hooks

    calls = []
    with hooks.register_temporarily(
        "vt_incident_event", lambda event, incident: calls.append((event, incident))
    ):
        yield calls
