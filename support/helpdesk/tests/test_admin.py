import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from support.helpdesk.admin import ENVIRONMENT_LABELS, DutyShiftForm
from support.helpdesk.models import DutyShift, FaultReport, Status, TimelineEvent
from support.helpdesk.services import submit_report
from support.helpdesk.validators import ENVIRONMENT_KEYS
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


def test_outbox_listing_for_support(client, support_user):
    make_report()
    client.force_login(support_user)
    response = client.get("/admin/support_outbox/", {"status": "pending"})
    assert response.status_code == 200
    assert "+79031234567" in response.content.decode()


def test_only_support_staff_can_be_put_on_duty(client, support_user):
    """The duty-shift form offers only the Support group (and superusers) and refuses anyone else,
    also when the id is posted by hand: a shift's engineer is auto-assigned reports with personal data."""
    outsider = get_user_model().objects.create_user("outsider", "outsider@example.com", "pw")
    client.force_login(support_user)
    form = client.get("/admin/support_dutyshift/new/")
    assert form.status_code == 200
    choices = form.context["form"].fields["engineer"].queryset
    assert support_user in choices and outsider not in choices
    assert f'<option value="{outsider.pk}"' not in form.content.decode()

    shift = {"role": "primary", "start": "2030-01-10 09:00", "end": "2030-01-10 18:00", "note": ""}
    refused = client.post("/admin/support_dutyshift/new/", {**shift, "engineer": outsider.pk})
    assert refused.status_code == 200
    assert "engineer" in refused.context["form"].errors
    assert not DutyShift.objects.exists()

    accepted = client.post("/admin/support_dutyshift/new/", {**shift, "engineer": support_user.pk})
    assert accepted.status_code == 302
    assert DutyShift.objects.get().engineer == support_user


def test_duty_shift_form_refuses_a_non_support_user():
    outsider = get_user_model().objects.create_user("outsider2", "outsider2@example.com", "pw")
    form = DutyShiftForm({"engineer": outsider.pk, "start": "2030-01-10 09:00", "end": "2030-01-10 18:00"})
    with translation.override("en"):
        assert not form.is_valid()
        assert form.errors["engineer"] == ["Only members of the Support group can be on duty."]
    with translation.override("ru"):
        assert DutyShiftForm(form.data).errors["engineer"] == [
            "Дежурить могут только сотрудники группы «Поддержка»."
        ]


def use_admin_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def action_kinds(body):
    """``{action: kind}`` of the transition forms on a report view."""
    return dict(re.findall(r'data-action="(\w+)" data-kind="(\w+)"', body))


@pytest.mark.parametrize(
    ("status", "primary", "others"),
    [
        (Status.NEW, "review", {}),
        (Status.IN_REVIEW, "start_work", {"request_info": "secondary", "not_a_fault": "folded"}),
        (Status.IN_PROGRESS, "resolve", {"request_info": "secondary"}),
        (Status.AWAITING_INFO, None, {"start_work": "secondary"}),
        (Status.RESOLVED, "close", {}),
        (Status.NOT_A_FAULT, "close", {}),
        (Status.CLOSED, None, {}),
    ],
)
def test_report_view_offers_one_primary_action_per_state(client, support_user, status, primary, others):
    report = make_report()
    FaultReport.objects.filter(pk=report.pk).update(status=status)
    client.force_login(support_user)
    body = client.get(f"/admin/support/reports/{report.pk}/").content.decode()
    expected = {primary: "primary", **others} if primary else others
    assert action_kinds(body) == expected
    if primary:
        button = re.search(rf'<button class="([\w -]+)" name="action" value="{primary}">', body)
        assert button.group(1) == "button"  # the only button without button-secondary
    if "not_a_fault" in others:
        disclosure = body[body.index("<details") : body.index("</details>")]
        assert 'data-action="not_a_fault"' in disclosure and 'name="reason"' in disclosure


def test_forms_that_need_a_message_show_their_textarea(client, support_user):
    report = make_report()
    FaultReport.objects.filter(pk=report.pk).update(status=Status.IN_PROGRESS)
    client.force_login(support_user)
    body = client.get(f"/admin/support/reports/{report.pk}/").content.decode()
    for name in ("resolve", "request_info"):
        form = re.search(rf'<form [^>]*data-action="{name}".*?</form>', body, re.S).group(0)
        assert f'<textarea name="message" id="message-{name}" rows="3" required>' in form
    assert "<details" not in body  # nothing folded in this state: both forms are open


def test_every_collected_environment_key_has_a_label():
    assert set(ENVIRONMENT_LABELS) == set(ENVIRONMENT_KEYS)


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("ru", ["Операционная система", "Экран", "WebGL 2", "gpu"]),
        ("en", ["Operating system", "Screen", "WebGL 2", "gpu"]),
    ],
)
def test_environment_reads_as_labelled_fields(client, support_user, language, labels):
    report = make_report(environment={"webgl2": False, "screen": "1920x1080", "os": "Windows 11"})
    # The form keeps only the known keys; an older report may hold another, shown under its own name.
    FaultReport.objects.filter(pk=report.pk).update(environment={**report.environment, "gpu": "Intel UHD"})
    use_admin_language(support_user, language)
    client.force_login(support_user)
    body = client.get(f"/admin/support/reports/{report.pk}/").content.decode()
    environment = re.search(r'<dl class="support-environment" id="report-environment">(.*?)</dl>', body)
    rows = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", environment.group(1))
    unsupported = {"ru": "не поддерживается", "en": "not supported"}[language]
    assert rows == list(zip(labels, ["Windows 11", "1920x1080", unsupported, "Intel UHD"], strict=True))
    assert "&quot;os&quot;" not in body and "&#x27;os&#x27;" not in body


def confirmation(response):
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize(
    ("language", "both", "sms_only", "nothing"),
    [
        (
            "ru",
            "Информация запрошена; SMS и e-mail поставлены в очередь",
            "Информация запрошена; SMS поставлено в очередь",
            "Работа начата; пользователю ничего не отправлено",
        ),
        (
            "en",
            "Information requested; SMS and e-mail queued",
            "Information requested; SMS queued",
            "Work started; nothing sent to the user",
        ),
    ],
)
def test_confirmation_names_the_action_and_the_queued_channels(
    client, support_user, language, both, sms_only, nothing
):
    use_admin_language(support_user, language)
    client.force_login(support_user)
    with_email = make_report()
    without_email = make_report(email="", phone="+79035550011")
    for report, expected in ((with_email, both), (without_email, sms_only)):
        FaultReport.objects.filter(pk=report.pk).update(status=Status.IN_REVIEW)
        url = f"/admin/support/reports/{report.pk}/"
        response = client.post(url, {"action": "request_info", "message": "Пришлите журнал"}, follow=True)
        assert confirmation(response) == [expected]
    response = client.post(
        f"/admin/support/reports/{without_email.pk}/", {"action": "start_work"}, follow=True
    )
    assert confirmation(response) == [nothing]


def test_queue_colours_each_status(client, support_user):
    late = make_report()
    FaultReport.objects.filter(pk=late.pk).update(created_at=timezone.now() - timedelta(days=10))
    resolved = make_report(phone="+79035550022")
    FaultReport.objects.filter(pk=resolved.pk).update(status=Status.RESOLVED)
    client.force_login(support_user)
    body = client.get("/admin/support_faultreport/").content.decode()
    assert "support/css/admin.css" in body
    pills = re.findall(
        r'<span class="w-status support-status support-status--(\w+)">\s*(.*?)\s*</span>', body
    )
    assert ("new", "Новое") in pills and ("resolved", "Устранено") in pills
    assert ("overdue", "ПРОСРОЧЕНО") in pills
    assert "style=" not in "".join(re.findall(r'<span class="w-status[^>]*>', body))


def _luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_status_colours_are_distinct_and_meet_wcag_aa():
    css = (Path(__file__).parents[1] / "static/support/css/admin.css").read_text()
    rules = re.findall(
        r"\.support-status--(\w+) \{ --support-status-bg: (#[0-9a-f]{6}); "
        r"--support-status-fg: (#[0-9a-f]{6});",
        css,
    )
    colours = {name: (bg, fg) for name, bg, fg in rules}
    assert set(colours) == {*Status.values, "overdue", "incident"}
    assert len(set(colours.values())) == len(colours)
    for name, (bg, fg) in colours.items():
        lighter, darker = sorted((_luminance(bg), _luminance(fg)), reverse=True)
        assert (lighter + 0.05) / (darker + 0.05) >= 4.5, name
