from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from support.faults.models import DutyShift, FaultReport, TimelineEvent
from support.faults.services import submit_report
from support.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def support_user():
    user = get_user_model().objects.create_user("agent", "agent@vt-pro.ru", "pw", first_name="Анна")
    user.groups.add(Group.objects.get(name="Support"))
    return user


@pytest.fixture
def editor():
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("editor", "editor@vt-pro.ru", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def make_report(**overrides):
    data = {
        "full_name": "Сидоров Сидор",
        "uin": "UIN-900",
        "phone": "+79031234567",
        "description": "Нет звука в тренажёре",
        "language": "ru",
        "email": "sidorov@example.com",
    }
    data.update(overrides)
    return submit_report(**data)[0]


def test_queue_lists_filters_and_searches(client, support_user):
    old = make_report()
    FaultReport.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=10))
    fresh = make_report(phone="+79039998877", uin="UIN-ABC")
    DutyShift.objects.create(
        engineer=support_user,
        start=timezone.now() - timedelta(hours=1),
        end=timezone.now() + timedelta(hours=1),
    )
    client.force_login(support_user)
    response = client.get("/admin/support_faultreport/")
    body = response.content.decode()
    assert response.status_code == 200
    assert old.reference in body and fresh.reference in body
    assert "OVERDUE" in body or "ПРОСРОЧЕНО" in body
    assert "Анна" in body  # on duty now
    only_overdue = client.get("/admin/support_faultreport/", {"overdue": "true"}).content.decode()
    assert old.reference in only_overdue and fresh.reference not in only_overdue
    search = client.get("/admin/support_faultreport/", {"q": "UIN-ABC"}).content.decode()
    assert fresh.reference in search and old.reference not in search
    by_phone = client.get("/admin/support_faultreport/", {"q": "9039998877"}).content.decode()
    assert fresh.reference in by_phone and old.reference not in by_phone
    new_only = client.get("/admin/support_faultreport/", {"status": "resolved"}).content.decode()
    assert fresh.reference not in new_only


def test_personal_data_only_for_support_group(client, editor, support_user):
    report = make_report()
    client.force_login(editor)
    assert client.get("/admin/support_faultreport/").status_code in (302, 403)
    assert client.get(f"/admin/support/reports/{report.pk}/").status_code in (302, 403)
    client.force_login(support_user)
    response = client.get(f"/admin/support/reports/{report.pk}/")
    assert response.status_code == 200
    assert "Сидоров Сидор" in response.content.decode()
    assert TimelineEvent.objects.filter(report=report, kind="viewed", actor=support_user).exists()


def test_staff_actions_through_report_view(client, support_user):
    report = make_report()
    client.force_login(support_user)
    url = f"/admin/support/reports/{report.pk}/"
    client.post(url, {"action": "take"})
    client.post(url, {"action": "review"})
    client.post(url, {"action": "request_info", "message": "Пришлите журнал"})
    report.refresh_from_db()
    assert report.status == "awaiting_info" and report.assignee == support_user
    # Invalid: resolve now is refused and nothing changes.
    response = client.post(url, {"action": "resolve", "message": "x"}, follow=True)
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.status == "awaiting_info"
    client.post(url, {"action": "note", "message": "звонил, не ответил"})
    note = report.events.get(kind="note")
    assert not note.public and note.actor == support_user
    assert OutboxMessage.objects.filter(template="fault_info_request").count() == 2
