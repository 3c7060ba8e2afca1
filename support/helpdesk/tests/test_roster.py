"""The duty roster's gaps (times with nobody on primary duty) in the next fortnight, and the admin's
warnings about them on the dashboard and above the roster."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from support.helpdesk.models import DutyShift
from support.helpdesk.tests.test_admin import support_user  # noqa: F401

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(timezone.datetime(2026, 12, 7, 9, 0))
HOUR = timedelta(hours=1)


def _shift(user, start, end, role=DutyShift.Role.PRIMARY):
    return DutyShift.objects.create(engineer=user, role=role, start=start, end=end)


@pytest.fixture
def engineer():
    return get_user_model().objects.create_user("eng", "eng@vt-pro.ru", "pw")


def test_an_empty_roster_is_one_gap():
    assert DutyShift.gaps(NOW, NOW + 14 * 24 * HOUR) == [(NOW, NOW + 14 * 24 * HOUR)]


def test_gaps_between_overlapping_and_separate_shifts(engineer):
    until = NOW + 24 * HOUR
    _shift(engineer, NOW - 2 * HOUR, NOW + 4 * HOUR)
    _shift(engineer, NOW + 3 * HOUR, NOW + 8 * HOUR)  # overlaps the first: no gap between them
    _shift(engineer, NOW + 10 * HOUR, NOW + 30 * HOUR)  # runs past the range
    _shift(engineer, NOW + 8 * HOUR, NOW + 10 * HOUR, role=DutyShift.Role.SECONDARY)  # not primary duty

    assert DutyShift.gaps(NOW, until) == [(NOW + 8 * HOUR, NOW + 10 * HOUR)]


def test_a_roster_covering_everything_has_no_gap(engineer):
    _shift(engineer, NOW - HOUR, NOW + 15 * 24 * HOUR)
    assert DutyShift.gaps(NOW, NOW + 14 * 24 * HOUR) == []


def test_dashboard_and_roster_warn_about_gaps(client, support_user):  # noqa: F811
    with time_machine.travel(NOW, tick=False):
        _shift(support_user, NOW - HOUR, NOW + 9 * HOUR)
        _shift(support_user, NOW + 24 * HOUR, NOW + 15 * 24 * HOUR)
        client.force_login(support_user)
        dashboard = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
        roster = client.get("/admin/support_dutyshift/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    for html in (dashboard, roster):
        assert 'id="roster-gaps"' in html
        assert "1 пробел" in html or "1 разрыв" in html
        assert "с пн 7 декабря, 18:00 по вт 8 декабря, 09:00" in html.lower()


def test_no_warning_without_gaps(client, support_user):  # noqa: F811
    with time_machine.travel(NOW, tick=False):
        _shift(support_user, NOW - HOUR, NOW + 15 * 24 * HOUR)
        client.force_login(support_user)
        assert 'id="roster-gaps"' not in client.get("/admin/support_dutyshift/").content.decode()
