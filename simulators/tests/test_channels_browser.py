"""Chromium against a live server: the release channels and fleet inventory screens in Russian and
English at desktop (1366 px) and phone (390 px) widths; the channel's rollout is widened by a click.
Screenshots land in ``artifacts/``."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.users.models import UserProfile

from customers.models import Customer
from simulators import channels
from simulators.models import DeviceState, ReleaseChannel
from simulators.tests.conftest import verified_build

pytestmark = [pytest.mark.browser, pytest.mark.integration]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def make(trainer, version):
    return verified_build(trainer, version, sha256="d" * 64)


@pytest.mark.django_db(transaction=True)
def test_channel_and_inventory_screens(live_server, browser_page, trainer, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", "boss@example.com", "pw")
    make(trainer, "1.0.0")
    new = make(trainer, "1.1.0")
    channels.promote(new, "stable", boss, percent=10)
    beta = make(trainer, "1.2.0-beta.1")
    channels.promote(beta, "beta", boss)
    customer = Customer.objects.create(name="ООО «Северный учебный центр»", inn="7700000005")
    now = timezone.now()
    for n, (version, channel, days) in enumerate(
        [("1.0.0", "stable", 0), ("1.1.0", "stable", 0), ("0.9.0", "stable", 40), ("1.2.0-beta.1", "beta", 1)]
    ):
        DeviceState.objects.create(
            customer=customer,
            trainer_key=trainer.translation_key,
            platform="windows",
            device_id=f"QUEST3-{n:04d}",
            model="Quest 3",
            firmware="v68",
            version=version,
            channel=channel,
            last_seen=now - timedelta(days=days),
        )
    client = Client()
    client.force_login(boss)
    page = browser_page
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    ARTIFACTS.mkdir(exist_ok=True)
    profile = UserProfile.get_for_user(boss)
    for language in ("ru", "en"):
        profile.preferred_language = language
        profile.save()
        for width, height in ((1366, 900), (390, 844)):
            page.set_viewport_size({"width": width, "height": height})
            page.goto(f"{live_server.url}/admin/simulators/channels/")
            page.wait_for_selector("table.listing")
            page.screenshot(path=str(ARTIFACTS / f"channels-{language}-{width}.png"), full_page=True)
            page.goto(f"{live_server.url}/admin/simulators/fleet/?customer={customer.pk}")
            assert page.locator("text=QUEST3-0002").count() == 2
            page.screenshot(path=str(ARTIFACTS / f"fleet-{language}-{width}.png"), full_page=True)

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/admin/simulators/channels/")
    stable = ReleaseChannel.objects.get(name="stable")
    page.select_option(f"#percent-{stable.pk}", "50")
    with page.expect_navigation():
        page.click(f"#percent-{stable.pk} ~ button")
    assert ReleaseChannel.objects.get(pk=stable.pk).rollout_percent == 50
