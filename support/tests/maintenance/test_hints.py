"""The triage hint "possible planned maintenance" reads the real maintenance calendar."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

pytestmark = pytest.mark.django_db


def test_report_shortly_after_works_gets_the_hint(make_notice, settings, file_report):
    settings.SUPPORT_MAINTENANCE_HINT_HOURS = 2
    now = timezone.now()
    recent, _ = make_notice("recent", now - timedelta(hours=3), now - timedelta(hours=1))
    make_notice("older", now - timedelta(hours=6), now - timedelta(hours=4))
    make_notice("later", now + timedelta(days=5), now + timedelta(days=5, hours=2))

    with translation.override("ru"):
        report = file_report("UIN-41")

    assert report.hints == [{"code": "planned_maintenance", "notice_id": recent.pk, "title": "Работы recent"}]


def test_report_without_recent_works_has_no_hint(make_notice, file_report):
    now = timezone.now()
    make_notice("older", now - timedelta(hours=6), now - timedelta(hours=4))

    assert file_report("UIN-42").hints == []


def test_works_published_after_a_report_count_for_the_next_one(make_notice, file_report):
    # The first report leaves a snapshot of the (empty) calendar; publishing must replace it.
    assert file_report("UIN-43").hints == []
    now = timezone.now()
    current, current_en = make_notice("current", now - timedelta(minutes=30), now + timedelta(hours=1))

    assert [hint["notice_id"] for hint in file_report("UIN-44").hints] == [current.pk]

    current.unpublish()
    current_en.unpublish()
    assert file_report("UIN-45").hints == []
