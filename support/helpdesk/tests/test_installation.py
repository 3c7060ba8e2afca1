"""The installation a report names: deep link, form and API fields, their rules, and the report view."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from customers.models import Customer, LearnerUIN
from simulators.models import ReleaseNotePage, ReleaseNotesIndexPage
from support.helpdesk.models import FaultReport

pytestmark = pytest.mark.django_db

API = "/api/v1/support/fault-reports"
PAYLOAD = {
    "full_name": "Ivanov Ivan",
    "uin": "UIN-777",
    "phone": "+7 916 123 45 67",
    "description": "The trainer freezes on level 2",
    "consent": True,
}


def test_deep_link_prefills_the_installation(client, support_pages):
    _pages, trainers = support_pages
    link = f"/ru/support/?trainer={trainers['ru'].pk}&version=1.4.0&platform=android_headset"
    body = client.get(link + "&device=Pico%204&firmware=5.7.1&mode=offline").content.decode()
    assert 'name="trainer_version" value="1.4.0"' in body
    assert 'name="device_model" value="Pico 4"' in body
    assert 'name="firmware" value="5.7.1"' in body
    assert 'name="platform" value="android_headset"' in body
    assert '<option value="offline" selected>' in body


def test_form_stores_the_installation_and_refuses_a_bad_version(client, support_pages, valid_data):
    data = {**valid_data, "trainer_version": "one.four", "mode": "sideways", "device_model": "x" * 101}
    response = client.post("/ru/support/", data)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"trainer_version", "mode", "device_model"}
    assert not FaultReport.objects.exists()
    data.update(trainer_version="v1.4.0", mode="offline", device_model=" Pico  4 ", firmware="5.7.1")
    assert client.post("/ru/support/", data).status_code == 303
    report = FaultReport.objects.get()
    assert (report.trainer_version, report.device_model, report.firmware, report.mode) == (
        "1.4.0",
        "Pico 4",
        "5.7.1",
        "offline",
    )


def test_api_takes_the_installation_with_the_same_rules(client, support_pages):
    bad = {**PAYLOAD, "trainer_version": "1.4", "platform": "Win 11", "mode": "idle", "firmware": 5}
    response = client.post(API, bad, content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"trainer_version", "platform", "mode"}
    good = {**PAYLOAD, "trainer_version": "2.0.0-rc.1", "platform": "windows", "mode": "online"}
    response = client.post(API, good, content_type="application/json")
    assert response.status_code == 201, response.content
    report = FaultReport.objects.get()
    assert (report.trainer_version, report.platform, report.mode) == ("2.0.0-rc.1", "windows", "online")


def test_report_view_shows_the_customer_block_and_the_hints(
    client, support_pages, django_capture_on_commit_callbacks
):
    agent = get_user_model().objects.create_user("agent", "agent@vt-pro.ru", "pw")
    agent.groups.add(Group.objects.get(name="Support"))
    UserProfile.objects.create(user=agent, preferred_language="en")
    customer = Customer.objects.create(name="АО «Кран-Сервис»", inn="7707083893")
    LearnerUIN.objects.create(customer=customer, uin="UIN-777")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(API, {**PAYLOAD, "trainer_version": "1.3.0"}, content_type="application/json")
        client.post(API, {**PAYLOAD, "uin": "UIN-NEW"}, content_type="application/json")
    known, unknown = FaultReport.objects.get(uin="UIN-777"), FaultReport.objects.get(uin="UIN-NEW")
    client.force_login(agent)
    body = client.get(f"/admin/support/reports/{known.pk}/").content.decode()
    assert 'id="uin-installation"' in body and "АО «Кран-Сервис»" in body and "7707083893" in body
    assert "1.3.0" in body
    body = client.get(f"/admin/support/reports/{unknown.pk}/").content.decode()
    assert "not in the customer registry" in body and "not in the registry" in body


def test_staff_link_a_release_note_and_the_hint_names_its_version(client, support_pages):
    pages, _trainers = support_pages
    home = pages["ru"].get_parent()
    index = home.add_child(instance=ReleaseNotesIndexPage(title="Выпуски", slug="releases"))
    note = index.add_child(
        instance=ReleaseNotePage(
            title="Кран 1.5",
            slug="crane-1-5",
            version="1.5.0",
            release_date=date(2026, 11, 1),
            scope="platform",
        )
    )
    note.save_revision().publish()
    agent = get_user_model().objects.create_user("agent", "agent@vt-pro.ru", "pw")
    agent.groups.add(Group.objects.get(name="Support"))
    UserProfile.objects.create(user=agent, preferred_language="en")
    client.post(API, PAYLOAD, content_type="application/json")
    report = FaultReport.objects.get()
    client.force_login(agent)
    assert "Кран 1.5" in client.get(f"/admin/support/reports/{report.pk}/").content.decode()
    response = client.post(
        f"/admin/support/reports/{report.pk}/", {"action": "link_fix", "fixed_in": note.pk}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.fixed_in_id == note.pk
    body = client.get(f"/admin/support/reports/{report.pk}/").content.decode()
    assert "Known issue, fixed in 1.5.0" in body


@pytest.mark.parametrize(
    ("device", "firmware", "expected"),
    [
        ("Pico 4", "5.8.0", None),
        ("Meta Quest 3", "", None),
        ("Pico 4", "5.6.2", "firmware 5.6.2 of Pico 4 is older than 5.7"),
        ("Quest 2", "", "headset Quest 2 is not among the trainer's"),
        ("", "", None),
    ],
)
def test_headset_and_firmware_against_the_system_requirements(support_pages, device, firmware, expected):
    from catalogue.models import Platform, SystemRequirement
    from support.helpdesk.hints import possible_unsupported_headset

    _pages, trainers = support_pages
    trainer = trainers["ru"]
    platform = Platform.objects.create(name="VR", slug="vr", locale=trainer.locale)
    SystemRequirement.objects.create(
        page=trainer, platform=platform, headset="Quest 3, Pico 4 (прошивка от 5.7)"
    )
    report = FaultReport(trainer=trainer, device_model=device, firmware=firmware)
    hints = possible_unsupported_headset(report)
    if expected is None:
        assert hints == []
    else:
        assert hints[0]["code"] == "incompatible_equipment" and hints[0]["detail"].startswith(expected)
