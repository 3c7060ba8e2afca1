"""Response targets in Russian working hours: the helpdesk asks the status app's production calendar
through ``vt_working_deadline``; a report filed during a major incident has a 24/7 target; a report
past its target alerts the engineer on duty once."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from wagtail import hooks

from support.helpdesk import targets, triage
from support.helpdesk.models import DutyShift, FaultReport, OnCallAlert
from support.notifications.models import OutboxMessage
from support.status.models import WorkingDayException
from support.status.tests.conftest import msk

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def four_hours(settings):
    settings.SUPPORT_FIRST_RESPONSE_HOURS = 4
    settings.SUPPORT_MAJOR_INCIDENT_RESPONSE_HOURS = 1
    settings.MAINTENANCE_WORKING_HOURS = "09:00-18:00"


@pytest.mark.parametrize(
    ("filed", "due"),
    [
        (msk(2026, 12, 7, 10, 0), msk(2026, 12, 7, 14, 0)),  # Monday morning: the same day
        (msk(2026, 12, 7, 16, 0), msk(2026, 12, 8, 11, 0)),  # two hours tonight, two tomorrow
        (msk(2026, 12, 4, 16, 0), msk(2026, 12, 7, 11, 0)),  # Friday evening: across the weekend
        (msk(2026, 12, 5, 12, 0), msk(2026, 12, 7, 13, 0)),  # Saturday: from Monday's opening
        (msk(2026, 11, 3, 16, 0), msk(2026, 11, 5, 11, 0)),  # 4 November, Unity Day, is skipped
        (msk(2026, 12, 7, 7, 30), msk(2026, 12, 7, 13, 0)),  # before opening: from 09:00
    ],
)
def test_first_response_counts_working_hours(filed, due):
    assert targets.first_response_due(filed) == due


def test_a_decreed_day_off_entered_by_staff_counts_too():
    WorkingDayException.objects.create(date=msk(2026, 12, 8, 0, 0).date(), is_working=False)
    assert targets.first_response_due(msk(2026, 12, 7, 16, 0)) == msk(2026, 12, 9, 11, 0)


def test_a_major_incident_has_a_round_the_clock_target():
    saturday_night = msk(2026, 12, 5, 23, 30)
    major = {"id": 1, "impact": "major"}
    assert targets.first_response_due(saturday_night, major) == msk(2026, 12, 6, 0, 30)
    partial = {"id": 1, "impact": "partial"}
    assert targets.first_response_due(saturday_night, partial) == msk(2026, 12, 7, 13, 0)


def test_a_report_past_its_target_alerts_the_engineer_on_duty_once(file_report):
    engineer = get_user_model().objects.create_user("duty", "duty@vt-pro.ru", "pw")
    filed = msk(2026, 12, 4, 16, 0)
    DutyShift.objects.create(
        engineer=engineer, start=filed - timedelta(hours=1), end=filed + timedelta(days=4)
    )
    with time_machine.travel(filed, tick=False) as clock:
        report = file_report("UIN-301")
        assert report.first_response_due == msk(2026, 12, 7, 11, 0)
        clock.move_to(msk(2026, 12, 7, 10, 59))
        assert triage.alert_overdue() == 0
        assert not FaultReport.objects.filter(FaultReport.overdue_q()).exists()
        clock.move_to(msk(2026, 12, 7, 11, 1))
        assert FaultReport.objects.filter(FaultReport.overdue_q()).get() == report
        assert triage.alert_overdue() == 1
        assert triage.alert_overdue() == 0
    alert = OnCallAlert.objects.get(kind=OnCallAlert.Kind.OVERDUE)
    assert alert.report == report and alert.notified == engineer
    subjects = OutboxMessage.objects.filter(template="oncall_alert", channel="email").values_list(
        "subject", flat=True
    )
    assert any("Просрочен первый ответ" in subject for subject in subjects)


def test_a_report_during_a_major_incident_is_due_within_the_hour(file_report):
    def major(trainer_key, at):
        return [
            {"id": 9, "title_ru": "Сбой", "title_en": "Outage", "impact": "major", "url_ru": "", "url_en": ""}
        ]

    with (
        time_machine.travel(msk(2026, 12, 5, 23, 30), tick=False),
        hooks.register_temporarily("vt_open_incidents", major),
    ):
        report = file_report("UIN-302")
    assert report.first_response_due == msk(2026, 12, 6, 0, 30)
