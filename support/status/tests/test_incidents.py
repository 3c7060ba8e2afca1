"""Incidents: the timeline rules, the ``vt_incident_event`` payloads and the admin form per role."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail import hooks

from support.monitoring.models import Component
from support.status import incidents
from support.status.models import Incident, IncidentUpdate

pytestmark = pytest.mark.django_db


def _open(**fields):
    data = {
        "title_ru": "Недоступна загрузка сборок",
        "title_en": "Build downloads unavailable",
        "impact": "partial",
        "message_ru": "Выясняем причину.",
        "message_en": "We are investigating.",
    } | fields
    return incidents.open_incident(**data)


def test_opening_posts_the_first_update_and_fires_opened_after_commit(
    trainer, events, django_capture_on_commit_callbacks
):
    storage = Component.objects.create(code="storage")
    ru, en = trainer
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        incident = _open(components=[storage], trainers=[en])
    assert events == []  # nothing is told before the transaction commits
    for callback in callbacks:
        callback()

    assert incident.status == "investigating" and incident.resolved_at is None
    assert incident.updates.get().message_en == "We are investigating."
    [(event, payload)] = events
    assert event == "opened"
    assert payload == {
        "id": incident.pk,
        "title_ru": "Недоступна загрузка сборок",
        "title_en": "Build downloads unavailable",
        "impact": "partial",
        "status": "investigating",
        "component_codes": ["storage"],
        "trainer_keys": [str(ru.translation_key)],
        "url_ru": f"/ru/incidents/{incident.pk}/",
        "url_en": f"/en/incidents/{incident.pk}/",
        "message_ru": "Выясняем причину.",
        "message_en": "We are investigating.",
        "resolve_reports": False,
        "opened_by_monitor": False,
    }


def test_updates_move_the_status_and_name_their_event(events, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        incident = _open()
        incidents.post_update(incident, "identified", "Нашли", "Found", resolve_reports=True)
        incidents.post_update(incident, "monitoring", "Следим", "Watching")
        incidents.post_update(incident, "resolved", "Решено", "Resolved", resolve_reports=True)

    assert [e for e, _p in events] == ["opened", "updated", "monitoring", "resolved"]
    # resolve_reports travels with the resolution only.
    assert [p["resolve_reports"] for _e, p in events] == [False, False, False, True]
    assert [p["message_en"] for _e, p in events][-1] == "Resolved"
    incident.refresh_from_db()
    assert incident.status == "resolved" and not incident.is_open
    assert incident.resolved_at == incident.updates.first().posted_at
    # A later update reopens it: the resolution time goes.
    with django_capture_on_commit_callbacks(execute=True):
        incidents.post_update(incident, "investigating", "Снова", "Again")
    incident.refresh_from_db()
    assert incident.status == "investigating" and incident.resolved_at is None


def test_a_failing_answer_never_undoes_the_incident(django_capture_on_commit_callbacks):
    def broken(event, incident):
        raise RuntimeError("helpdesk down")

    with (
        hooks.register_temporarily("vt_incident_event", broken),
        django_capture_on_commit_callbacks(execute=True),
    ):
        incident = _open()
    assert Incident.objects.filter(pk=incident.pk).exists()


# -- the admin -------------------------------------------------------------------------------------


@pytest.fixture
def engineer():
    user = get_user_model().objects.create_user("oncall", "oncall@vt-pro.ru", "pw", first_name="Иван")
    user.groups.add(Group.objects.get(name="Support"))
    return user


FORM = {
    "title_ru": "Сайт недоступен",
    "title_en": "Website down",
    "impact": "major",
    "started_at": "2026-11-20 12:00",
    "update_status": "investigating",
    "message_ru": "Выясняем.",
    "message_en": "Investigating.",
}


def test_the_support_role_opens_an_incident_in_both_languages_in_one_form(
    client, engineer, events, django_capture_on_commit_callbacks
):
    client.force_login(engineer)
    assert client.get("/admin/incidents/new/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/incidents/new/", FORM)
    assert response.status_code == 302, response.content.decode()[:2000]
    incident = Incident.objects.get()
    assert (incident.title_en, incident.impact) == ("Website down", "major")
    update = incident.updates.get()
    assert update.author == engineer and update.message_ru == "Выясняем."
    assert [e for e, _p in events] == ["opened"]


def test_one_language_only_is_refused_and_nothing_is_written(client, engineer):
    client.force_login(engineer)
    response = client.post("/admin/incidents/new/", FORM | {"message_en": ""})
    assert response.status_code == 200
    assert "Напишите сообщение на обоих языках." in response.content.decode()  # the admin speaks Russian
    assert not Incident.objects.exists() and not IncidentUpdate.objects.exists()


def test_a_status_change_needs_an_update_text(client, engineer, django_capture_on_commit_callbacks):
    client.force_login(engineer)
    with django_capture_on_commit_callbacks(execute=True):
        incident = _open()
    data = FORM | {"update_status": "resolved", "message_ru": "", "message_en": ""}
    response = client.post(f"/admin/incidents/edit/{incident.pk}/", data)
    assert response.status_code == 200
    incident.refresh_from_db()
    assert incident.status == "investigating" and incident.updates.count() == 1


def test_resolving_offers_the_linked_reports_counted_by_the_helpdesk(
    client, engineer, events, django_capture_on_commit_callbacks
):
    client.force_login(engineer)
    with django_capture_on_commit_callbacks(execute=True):
        incident = _open()
    edit = f"/admin/incidents/edit/{incident.pk}/"
    assert "связанн" not in client.get(edit).content.decode()  # nobody answers: 0

    with hooks.register_temporarily("vt_incident_report_count", lambda incident_id: 4):
        assert "Закрыть 4 связанных обращения" in client.get(edit).content.decode()
        data = FORM | {"update_status": "resolved", "message_ru": "Готово", "message_en": "Fixed"}
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(edit, data | {"resolve_reports": "on"})
    assert response.status_code == 302
    event, payload = events[-1]
    assert event == "resolved" and payload["resolve_reports"] is True and payload["status"] == "resolved"


def test_staff_status_alone_grants_nothing(client):
    user = get_user_model().objects.create_user("staff", "staff@vt-pro.ru", "pw", is_staff=True)
    client.force_login(user)
    assert client.get("/admin/incidents/").status_code in (302, 403)
    assert client.post("/admin/incidents/new/", FORM).status_code in (302, 403)
    assert not Incident.objects.exists()


def test_the_support_role_cannot_delete_the_public_record(
    client, engineer, django_capture_on_commit_callbacks
):
    client.force_login(engineer)
    with django_capture_on_commit_callbacks(execute=True):
        incident = _open()
    client.post(f"/admin/incidents/delete/{incident.pk}/")
    assert Incident.objects.filter(pk=incident.pk).exists()


def test_open_incidents_answer_the_helpdesk_for_a_trainer_at_a_moment(trainer, site_shell):
    import datetime as dt

    from django.utils import timezone

    ru, en = trainer
    site, search = Component.objects.create(code="site"), Component.objects.create(code="search")
    _open(title_en="Crane", components=[search], trainers=[en])
    on_site = _open(title_en="Site", components=[site], impact="major")
    on_search = _open(title_en="Search only", components=[search])
    whole = _open(title_en="Everything")
    incidents.post_update(whole, "resolved", "Готово", "Done")
    [answer] = hooks.get_hooks("vt_open_incidents")
    now = timezone.now()

    found = answer(str(ru.translation_key), now)
    assert [i["title_en"] for i in found] == ["Site", "Crane"]
    assert found[0] == {
        "id": on_site.pk,
        "title_ru": on_site.title_ru,
        "title_en": "Site",
        "impact": "major",
        "url_ru": f"/ru/incidents/{on_site.pk}/",
        "url_en": f"/en/incidents/{on_site.pk}/",
    }
    assert [i["id"] for i in answer(None, now)] == [on_site.pk]
    # Until its resolution, the incident naming nothing covered the whole platform.
    assert whole.pk in [i["id"] for i in answer(str(ru.translation_key), whole.started_at)]
    assert on_search.pk not in [i["id"] for i in answer(str(ru.translation_key), now)]
    assert answer(str(ru.translation_key), now - dt.timedelta(days=1)) == []


def test_the_incident_listing_searches_both_titles(client, engineer, django_capture_on_commit_callbacks):
    client.force_login(engineer)
    with django_capture_on_commit_callbacks(execute=True):
        _open()
        _open(title_ru="Медленный поиск", title_en="Slow search")
    html = client.get("/admin/incidents/", {"q": "search"}).content.decode()
    assert "Медленный поиск" in html and "Недоступна загрузка" not in html
    inspect = client.get(f"/admin/incidents/inspect/{Incident.objects.first().pk}/")
    assert inspect.status_code == 200
