"""Fault reports and incidents: linked in the background triage, counted, resolved with the incident."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail import hooks

from support.helpdesk import workflow
from support.helpdesk.models import DutyShift, OnCallAlert, Status, TimelineEvent
from support.helpdesk.wagtail_hooks import incident_event, incident_report_count
from support.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

INCIDENT = {
    "id": 7,
    "title_ru": "Недоступна доставка WebGL",
    "title_en": "WebGL delivery down",
    "impact": "major",
    "url_ru": "/ru/status/incidents/7/",
    "url_en": "/en/status/incidents/7/",
}


def _open_incidents(trainer_key, at):
    return [INCIDENT | {"id": 3, "impact": "degraded", "title_ru": "Медленно"}, INCIDENT]


@pytest.fixture
def during_incident():
    with hooks.register_temporarily("vt_open_incidents", _open_incidents):
        yield


def _resolved(**fields):
    return (
        INCIDENT
        | {
            "status": "resolved",
            "component_codes": ["webgl"],
            "trainer_keys": [],
            "message_ru": "Доставка восстановлена.",
            "message_en": "",
            "resolve_reports": True,
            "opened_by_monitor": True,
        }
        | fields
    )


def test_a_report_filed_during_an_incident_is_linked_to_the_most_severe(during_incident, file_report):
    report = file_report("UIN-201")

    assert report.incident_id == 7
    assert {"code": "incident", "incident_id": 7, "title": "Недоступна доставка WebGL"}.items() <= next(
        hint for hint in report.hints if hint["code"] == "incident"
    ).items()
    assert incident_report_count(7) == 1
    assert incident_report_count(3) == 0


def test_reports_during_an_incident_page_nobody_again(during_incident, file_report):
    engineer = get_user_model().objects.create_user("duty", "duty@vt-pro.ru", "pw")
    now = timezone.now()
    DutyShift.objects.create(engineer=engineer, start=now - timedelta(hours=1), end=now + timedelta(hours=1))
    incident_event("opened", INCIDENT | {"component_codes": ["webgl"]})
    for uin in ("UIN-211", "UIN-212", "UIN-213"):
        file_report(uin)
    assert list(OnCallAlert.objects.values_list("kind", flat=True)) == ["incident"]
    assert OutboxMessage.objects.filter(template="oncall_alert", channel="email").count() == 1


def test_a_failing_incident_lookup_costs_only_the_link(file_report):
    def broken(trainer_key, at):
        raise RuntimeError("status app down")

    with hooks.register_temporarily("vt_open_incidents", broken):
        report = file_report("UIN-202")
    assert report.triaged_at is not None and report.incident_id is None
    assert OnCallAlert.objects.filter(report=report).exists()


def test_the_queue_and_the_report_view_show_the_incident(during_incident, file_report, client):
    report = file_report("UIN-203")
    agent = get_user_model().objects.create_user("agent", "agent@vt-pro.ru", "pw")
    agent.groups.add(Group.objects.get(name="Support"))
    client.force_login(agent)

    queue = client.get("/admin/support_faultreport/").content.decode()
    assert "support-status--incident" in queue and "Инцидент №7" in queue
    view = client.get(f"/admin/support/reports/{report.pk}/").content.decode()
    assert 'href="/ru/status/incidents/7/"' in view


def test_resolving_the_incident_resolves_its_open_reports_once_each_told_in_their_language(
    during_incident, file_report
):
    russian = file_report("UIN-204", email="ru@example.com")
    english = file_report("UIN-205", language="en", email="en@example.com")
    closed = file_report("UIN-206")
    workflow.apply(closed, "review")
    workflow.apply(closed, "not_a_fault", reason="outside_responsibility")
    assert incident_report_count(7) == 2

    incident_event("resolved", _resolved())
    incident_event("resolved", _resolved())  # delivered twice: nothing more happens

    for report in (russian, english):
        report.refresh_from_db()
        assert report.status == Status.RESOLVED and report.resolved_at is not None
        [event] = report.events.filter(kind=TimelineEvent.Kind.TRANSITION)
        assert event.public and event.actor_label == "system"
    assert russian.events.get(kind="transition").message == "Доставка восстановлена."
    assert english.events.get(kind="transition").message == 'The incident "WebGL delivery down" is resolved.'
    sent = OutboxMessage.objects.filter(template="fault_resolved")
    assert sorted(sent.values_list("recipient", "language")) == [
        ("+79161234567", "en"),
        ("+79161234567", "ru"),
        ("en@example.com", "en"),
        ("ru@example.com", "ru"),
    ]
    closed.refresh_from_db()
    assert closed.status == Status.NOT_A_FAULT
    assert incident_report_count(7) == 0


def test_resolved_without_the_request_leaves_reports_open_and_stops_escalation(during_incident, file_report):
    report = file_report("UIN-207")
    incident_event("opened", INCIDENT | {"component_codes": ["webgl"]})
    OnCallAlert.objects.update(escalate_at="2026-01-01T00:00:00Z")

    incident_event("resolved", _resolved(resolve_reports=False))

    report.refresh_from_db()
    assert report.status == Status.NEW
    assert OnCallAlert.objects.get(incident_id=7, kind="incident").escalate_at is None


def test_staff_are_not_offered_the_incident_step(file_report):
    report = file_report("UIN-208")
    assert "resolve_with_incident" not in workflow.allowed_actions(report)
