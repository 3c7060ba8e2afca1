"""The admin screens of release channels and the fleet inventory (Django's test client)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from customers.models import Customer
from simulators import channels
from simulators.models import BuildStatus, ChannelEvent, DeviceState, ReleaseChannel, SimulatorBuild
from simulators.tests.conftest import verified_build

pytestmark = pytest.mark.django_db


def make(trainer, version):
    return verified_build(trainer, version, sha256="c" * 64)


@pytest.fixture
def boss(client, django_user_model):
    """A superuser whose admin speaks English (the source language the messages are asserted in)."""
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_superuser("boss", "boss@example.com", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return user


def test_promote_widen_critical_roll_back_withdraw_through_the_screen(client, trainer, boss):
    old = make(trainer, "1.0.0")
    new = make(trainer, "1.1.0")
    page = client.get("/admin/simulators/channels/")
    assert page.status_code == 200
    assert "exempt from the maintenance notice period" in page.content.decode()
    response = client.post(
        "/admin/simulators/channels/", {"build": new.pk, "channel": "stable", "percent": 10}
    )
    assert response.status_code == 302
    channel = ReleaseChannel.objects.get(name="stable")
    assert (channel.build, channel.rollout_percent) == (new, 10)
    url = f"/admin/simulators/channels/{channel.pk}"
    client.post(f"{url}/widen/", {"percent": "50"})
    client.post(f"{url}/widen/", {"percent": "5"})  # refused: a rollout never narrows
    client.post(f"{url}/widen/", {"percent": "abc"})
    assert ReleaseChannel.objects.get(pk=channel.pk).rollout_percent == 50
    client.post(f"{url}/critical/")
    assert SimulatorBuild.objects.get(pk=new.pk).is_critical
    client.post(f"{url}/rollback/")
    assert ReleaseChannel.objects.get(pk=channel.pk).build == old
    client.post(f"{url}/withdraw/")
    assert SimulatorBuild.objects.get(pk=old.pk).status == BuildStatus.WITHDRAWN
    assert list(ChannelEvent.objects.order_by("at", "pk").values_list("action", flat=True)) == [
        "promote",
        "promote",
        "stage",
        "critical",
        "rollback",
        "withdraw",
    ]
    assert set(ChannelEvent.objects.exclude(actor=None).values_list("actor", flat=True)) == {boss.pk}
    assert client.post(f"{url}/explode/").status_code == 404
    assert client.get(f"{url}/widen/").status_code == 405


def test_promote_form_errors_stay_on_the_page(client, trainer, boss):
    build = make(trainer, "1.0.0")
    response = client.post(
        "/admin/simulators/channels/", {"build": build.pk, "channel": "stable", "percent": 100}
    )
    assert response.status_code == 200
    assert "already offers this build" in response.content.decode()
    response = client.post("/admin/simulators/channels/", {"build": "x", "channel": "nightly", "percent": 7})
    assert response.status_code == 200


def test_channels_need_the_publish_permission(client, trainer, django_user_model):
    from django.contrib.auth.models import Group

    support = django_user_model.objects.create_user("support", "s@example.com", "pw")
    support.groups.add(Group.objects.get(name="Support"))
    client.force_login(support)
    assert client.get("/admin/simulators/channels/").status_code in (302, 403)


def test_inventory_screen_and_csv(client, trainer, boss):
    make(trainer, "1.0.0")
    gone = make(trainer, "1.1.0")
    channels.promote(gone, "beta")
    gone.withdraw()
    customer = Customer.objects.create(name="ООО Полигон", inn="7700000004")
    now = timezone.now()
    for device_id, version, channel, seen in [
        ("HS-1", "1.0.0", "stable", now),
        ("HS-2", "0.9.0", "stable", now - timedelta(days=45)),
        ("HS-3", "1.1.0", "beta", now),
    ]:
        DeviceState.objects.create(
            customer=customer,
            trainer_key=trainer.translation_key,
            platform="windows",
            device_id=device_id,
            version=version,
            channel=channel,
            last_seen=seen,
        )
    page = client.get(
        "/admin/simulators/fleet/", {"trainer": str(trainer.translation_key), "customer": customer.pk}
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert text.count("HS-2") == 2  # out of date and unseen for 30 days
    assert "withdrawn build" in text
    assert client.get("/admin/simulators/fleet/", {"customer": "9" * 30, "days": "-4"}).status_code == 200
    csv = client.get("/admin/simulators/fleet/", {"format": "csv", "days": "7"})
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode().splitlines()
    assert len(lines) == 4
    assert {line.rsplit(",", 1)[1] for line in lines[1:]} == {"current", "outdated", "withdrawn"}
