"""The update manifest: device-key authentication, parameters, the signed answer on each channel step,
the published key, the inventory buffer and its flush, the warm path's query budget."""

import base64
import io
import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from core.cache import forget_local
from customers.models import Customer, DeviceKey, Licence
from simulators import channels, fleet, signing
from simulators.models import DailyFleetCount, DeviceState
from simulators.tests.conftest import verified_build

pytestmark = pytest.mark.django_db


def make(trainer, version, publish=True, **fields):
    return verified_build(
        trainer, version, publish=publish, size=1000 + len(version), sha256="b" * 64, **fields
    )


@pytest.fixture
def customer(trainer):
    customer = Customer.objects.create(name="ООО Кран", inn="7700000002")
    Licence.objects.create(
        customer=customer, trainer=trainer, seats=10, valid_from=date(2020, 1, 1), valid_to=date(2099, 1, 1)
    )
    return customer


@pytest.fixture
def device_key(customer):
    return DeviceKey.issue(customer, "Учебный класс")


def ask(client, trainer, raw, platform="windows", **params):
    params.setdefault("device", "HS-0001")
    headers = {"Authorization": f"Bearer {raw}"} if raw else {}
    return client.get(f"/api/v1/updates/{trainer}/{platform}", params, headers=headers)


def opened(response):
    """The verified manifest of a 200 answer (the published key)."""
    assert response.status_code == 200, response.content
    body = response.json()
    key = base64.b64decode(Client().get("/api/v1/updates/public-key").json()["public_key"])
    assert signing.verify(body["manifest"], body["signature"], key)
    assert response["X-VT-Signature"] == body["signature"]
    return json.loads(body["manifest"])


def test_signature_round_trip_and_tampering():
    text = signing.canonical({"b": 1, "a": "ж"})
    assert text == '{"a":"ж","b":1}'
    signature = signing.sign(text)
    key = signing.public_key_bytes()
    assert signing.verify(text, signature, key)
    assert not signing.verify(text.replace("1", "2"), signature, key)
    assert not signing.verify(text, "not base64!", key)
    assert not signing.verify(text, base64.b64encode(b"x" * 64).decode(), key)


def test_signing_key_from_settings_base64_and_pem():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    for setting in (base64.b64encode(raw).decode(), pem):
        signing.private_key.cache_clear()
        signing.sign.cache_clear()
        try:
            with override_settings(UPDATES_SIGNING_KEY=setting):
                assert signing.public_key_bytes() == public
        finally:
            signing.private_key.cache_clear()
            signing.sign.cache_clear()


def test_deploy_check_requires_a_signing_key():
    from simulators.checks import signing_key_check

    with override_settings(UPDATES_SIGNING_KEY=""):
        assert [error.id for error in signing_key_check(None)] == ["simulators.E001"]
    with override_settings(UPDATES_SIGNING_KEY=base64.b64encode(b"k" * 32).decode()):
        assert signing_key_check(None) == []


@pytest.mark.parametrize("raw", ["", "vtk_unknown", "Basic abc"])
def test_unknown_key_is_401_json(client, trainer, customer, raw):
    response = ask(client, trainer.slug, raw)
    assert response.status_code == 401
    assert response.json()["error"]["status"] == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_revoked_key_is_refused(client, trainer, device_key):
    key, raw = device_key
    make(trainer, "1.0.0")
    assert ask(client, trainer.slug, raw).status_code == 200
    key.revoked_at = timezone.now()
    key.save()
    with override_settings(UPDATES_KEY_CACHE_SECONDS=1):
        forget_local()
        from django.core.cache import cache

        cache.clear()
        assert ask(client, trainer.slug, raw).status_code == 401


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"device": ""}, "device"),
        ({"device": "x" * 65}, "device"),
        ({"device": "устройство"}, "device"),
        ({"version": "v1"}, "version"),
        ({"channel": "nightly"}, "channel"),
        ({"mode": "sleeping"}, "mode"),
        ({"model": "Quest\x01"}, "model"),
        ({"locale": "de"}, "locale"),
    ],
)
def test_bad_parameters_are_400_naming_the_field(client, trainer, device_key, params, field):
    make(trainer, "1.0.0")
    response = ask(client, trainer.slug, device_key[1], **params)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_unknown_trainer_platform_and_no_licence(client, trainer, device_key, customer):
    raw = device_key[1]
    assert ask(client, "no-such-trainer", raw).status_code == 404
    assert ask(client, "99999999999999999999999", raw).status_code == 404
    assert ask(client, trainer.slug, raw, platform="amiga").status_code == 404
    customer.licences.update(valid_to=date(2021, 1, 1))
    from django.core.cache import cache

    cache.clear()
    forget_local()
    assert ask(client, trainer.slug, raw).status_code == 403


def test_manifest_on_each_step(client, trainer, device_key):
    raw = device_key[1]
    key = str(trainer.translation_key)
    old = make(trainer, "1.0.0")
    # By page id or slug, the same trainer.
    first = opened(ask(client, trainer.pk, raw, version=""))
    assert first["status"] == "update"
    assert first["build"]["version"] == "1.0.0"
    assert opened(ask(client, trainer.slug, raw, version="1.0.0"))["status"] == "up_to_date"
    new = make(trainer, "1.1.0")
    channels.promote(new, "stable", percent=10)
    devices = [f"HS-{n:04d}" for n in range(200)]
    inside = next(d for d in devices if channels.in_rollout(key, d, 10))
    outside = next(d for d in devices if not channels.in_rollout(key, d, 10))
    assert (
        opened(ask(client, trainer.slug, raw, version="1.0.0", device=inside))["build"]["version"] == "1.1.0"
    )
    assert opened(ask(client, trainer.slug, raw, version="1.0.0", device=outside))["status"] == "up_to_date"
    channels.widen(channels.ReleaseChannel.objects.get(build=new), 100)
    assert (
        opened(ask(client, trainer.slug, raw, version="1.0.0", device=outside))["build"]["version"] == "1.1.0"
    )
    new.withdraw()
    back = opened(ask(client, trainer.slug, raw, version="1.1.0", device=inside))
    assert back["status"] == "downgrade"
    assert back["build"]["version"] == "1.0.0"
    assert back["build"]["mandatory"] is True
    assert old.pk


def test_manifest_fields_channel_language_and_expiry(client, trainer, device_key, customer, time_machine):
    # Manifests of a period (half the 900 s lifetime) share their times, so their signatures are reused.
    time_machine.move_to("2026-12-07 10:05:00+00:00", tick=False)
    raw = device_key[1]
    make(trainer, "1.0.0")
    beta = make(trainer, "2.0.0", is_critical=True)
    channels.promote(beta, "beta", percent=1)
    manifest = opened(ask(client, trainer.slug, raw, version="1.0.0", channel="beta"))
    assert manifest["channel"] == "beta"
    assert manifest["build"] == {
        "version": "2.0.0",
        "size": 1005,
        "sha256": "b" * 64,
        "url": None,
        "critical": True,
        "mandatory": True,
        "notes": "",
        "notes_language": "ru",
    }
    assert manifest["trainer"] == str(trainer.translation_key)
    assert (manifest["issued_at"], manifest["expires_at"]) == ("2026-12-07T10:00:00Z", "2026-12-07T10:15:00Z")
    # The licence's channel, else the customer's.
    customer.channel = "beta"
    customer.save()
    from django.core.cache import cache

    cache.clear()
    forget_local()
    assert opened(ask(client, trainer.slug, raw, version="1.0.0"))["channel"] == "beta"
    customer.licences.update(channel="stable")
    cache.clear()
    forget_local()
    assert opened(ask(client, trainer.slug, raw, version="1.0.0"))["channel"] == "stable"


def test_rate_limit_per_key_and_device(client, trainer, device_key):
    make(trainer, "1.0.0")
    with override_settings(UPDATES_RATE="2/m"):
        assert ask(client, trainer.slug, device_key[1]).status_code == 200
        assert ask(client, trainer.slug, device_key[1]).status_code == 200
        limited = ask(client, trainer.slug, device_key[1])
        assert limited.status_code == 429
        assert limited.json()["error"]["status"] == 429
        assert int(limited["Retry-After"]) > 0
        assert ask(client, trainer.slug, device_key[1], device="HS-OTHER").status_code == 200


def test_warm_path_reads_no_database(client, trainer, device_key, django_assert_num_queries):
    make(trainer, "1.0.0")
    ask(client, trainer.slug, device_key[1], version="0.9.0")
    with django_assert_num_queries(0):
        assert ask(client, trainer.slug, device_key[1], version="0.9.0", device="HS-0002").status_code == 200


def test_inventory_buffer_flush_and_csv(client, trainer, device_key, customer, time_machine):
    time_machine.move_to("2026-12-07 10:00:10+00:00", tick=False)
    make(trainer, "1.0.0")
    raw = device_key[1]
    ask(
        client,
        trainer.slug,
        raw,
        version="0.9.0",
        device="HS-1",
        model="Quest 3",
        firmware="v68",
        mode="offline",
    )
    ask(client, trainer.slug, raw, version="1.0.0", device="HS-1")
    client.get(
        f"/api/v1/updates/{trainer.slug}/windows",
        {"device": "HS-2", "version": "0.9.0"},
        headers={"Authorization": f"Bearer {raw}", "X-Device-Model": "Pico 4"},
    )
    assert not DeviceState.objects.exists()
    time_machine.move_to("2026-12-07 10:01:10+00:00", tick=False)
    assert fleet.flush() == 3
    assert fleet.flush() == 0
    one = DeviceState.objects.get(device_id="HS-1")
    assert (one.version, one.customer, one.mode) == ("1.0.0", customer, "online")
    assert DeviceState.objects.get(device_id="HS-2").model == "Pico 4"
    counts = {(row.version, row.devices, row.requests) for row in DailyFleetCount.objects.all()}
    assert counts == {("1.0.0", 1, 1), ("0.9.0", 1, 2)}
    out = io.StringIO()
    fleet.write_csv(out, fleet.devices())
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("customer,customer_inn,trainer_key")
    assert any(line.endswith(",outdated") and ",HS-2," in line for line in lines)
    time_machine.move_to(timezone.now() + timedelta(days=40), tick=False)
    assert set(fleet.unseen_since(fleet.devices(), 30).values_list("device_id", flat=True)) == {
        "HS-1",
        "HS-2",
    }


def test_fleet_tick_command(trainer, device_key):
    out = io.StringIO()
    call_command("fleet_tick", stdout=out)
    assert "recorded 0" in out.getvalue()


def test_public_key_endpoint_and_schema(client):
    body = client.get("/api/v1/updates/public-key").json()
    assert body["algorithm"] == "Ed25519"
    assert base64.b64decode(body["public_key"]) == signing.public_key_bytes()
    assert body["pem"].startswith("-----BEGIN PUBLIC KEY-----")
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/updates/{trainer}/{platform}" in schema
