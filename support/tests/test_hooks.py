"""The hooks between the helpdesk and the status app, with both apps installed.

- The triage hint "possible planned maintenance" reads the real maintenance calendar
  (``vt_maintenance_spans``, ``vt_maintenance_windows``), and a publish reaches the next report.
- A maintenance notice is also sent to the people with open fault reports (``vt_open_report_contacts``).
"""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone, translation

from support.helpdesk.services import submit_report
from support.notifications.models import OutboxMessage
from support.status.models import NoticeDispatch
from support.status.tests.conftest import msk

pytestmark = pytest.mark.django_db


def _maintenance_hints(report):
    """The report's hints but the registry's (these UINs belong to no customer)."""
    return [hint for hint in report.hints if hint["code"] != "unknown_uin"]


def test_report_shortly_after_works_gets_the_hint(make_notice, settings, file_report):
    settings.SUPPORT_MAINTENANCE_HINT_HOURS = 2
    now = timezone.now()
    recent, _ = make_notice("recent", now - timedelta(hours=3), now - timedelta(hours=1))
    make_notice("older", now - timedelta(hours=6), now - timedelta(hours=4))
    make_notice("later", now + timedelta(days=5), now + timedelta(days=5, hours=2))

    with translation.override("ru"):
        report = file_report("UIN-41")

    assert _maintenance_hints(report) == [
        {"code": "planned_maintenance", "notice_id": recent.pk, "title": "Работы recent"}
    ]


def test_report_without_recent_works_has_no_hint(make_notice, file_report):
    now = timezone.now()
    make_notice("older", now - timedelta(hours=6), now - timedelta(hours=4))

    assert _maintenance_hints(file_report("UIN-42")) == []


def test_works_published_after_a_report_count_for_the_next_one(make_notice, file_report):
    # The first report leaves a snapshot of the (empty) calendar; publishing must replace it.
    assert _maintenance_hints(file_report("UIN-43")) == []
    now = timezone.now()
    current, current_en = make_notice("current", now - timedelta(minutes=30), now + timedelta(hours=1))

    assert [hint["notice_id"] for hint in _maintenance_hints(file_report("UIN-44"))] == [current.pk]

    current.unpublish()
    current_en.unpublish()
    assert _maintenance_hints(file_report("UIN-45")) == []


@time_machine.travel(msk(2026, 11, 20, 15, 0), tick=False)
def test_people_with_open_fault_reports_are_told(make_notice):
    submit_report(
        full_name="Петров Пётр",
        uin="UIN-MAINT",
        phone="+79031110022",
        description="Не запускается тренажёр",
        language="en",
        email="reporter-maint@example.com",
    )
    make_notice("n5", msk(2026, 12, 2, 1), msk(2026, 12, 2, 4))
    assert NoticeDispatch.objects.get(event="published").recipients == 2
    sms = OutboxMessage.objects.get(recipient="+79031110022", body__contains="n5")
    assert sms.language == "en"


@time_machine.travel(msk(2026, 11, 20, 15, 0), tick=False)
def test_a_planned_maintenance_closure_offers_nearby_notices_affecting_the_trainer_first(
    make_notice, file_report
):
    from support.helpdesk.notices import notice_choices

    now = timezone.now()
    later, later_en = make_notice("later", now + timedelta(days=5), now + timedelta(days=5, hours=2))
    recent, _ = make_notice("recent", now - timedelta(hours=3), now - timedelta(hours=1))
    make_notice("long-ago", now - timedelta(days=40), now - timedelta(days=40) + timedelta(hours=2))
    storage, _ = make_notice(
        "storage",
        now - timedelta(hours=2),
        now - timedelta(hours=1),
        whole_platform=False,
        components=["storage"],
    )
    report = file_report("UIN-NOTICE")

    choices = notice_choices(report)

    assert [choice["id"] for choice in choices] == [recent.pk, later.pk, storage.pk]
    assert [choice["affects_trainer"] for choice in choices] == [True, True, False]
    assert choices[1]["title_en"] == "Works later" and choices[1]["url_en"] == later_en.url
