"""The update manifest against the real services: builds in S3Proxy, PostgreSQL, the cache and the
inventory buffer in Redis. Promote, stage at 10 %, widen to 100 %, withdraw, roll back: a device on
each step gets the right signed manifest, whose presigned URL downloads the build it describes."""

import base64
import hashlib
import json
import urllib.request
import uuid
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from customers.models import Customer, DeviceKey, Licence
from simulators import channels, fleet, services
from simulators.models import DeviceState, ReleaseChannel
from simulators.signing import ManifestRefused, open_manifest
from simulators.storage import S3Store, get_store, override_store

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def s3():
    configured = get_store()
    assert isinstance(configured, S3Store), "integration tests need AWS_PRIVATE_BUCKET_NAME"
    with override_store(
        S3Store(configured.client, configured.bucket, f"test-updates/{uuid.uuid4().hex}")
    ) as store:
        yield store
        store.delete_prefix("")


@pytest.fixture
def device_key(trainer):
    customer = Customer.objects.create(name="АО Краны", inn="7700000003")
    Licence.objects.create(
        customer=customer, trainer=trainer, seats=50, valid_from=date(2020, 1, 1), valid_to=date(2099, 1, 1)
    )
    return DeviceKey.issue(customer, "Цех 1")[1]


def build(trainer, version, tmp_path):
    path = tmp_path / f"crane-{version}.zip"
    path.write_bytes(f"crane {version} ".encode() * 5000)
    return services.import_file(
        trainer=trainer, version=version, platform="windows", kind="archive", path=path, publish=True
    )


class Device:
    """An installed trainer: asks, verifies with the published key, downloads and installs."""

    def __init__(self, trainer, raw_key, device_id, version):
        self.client = Client()
        self.url = f"/api/v1/updates/{trainer.slug}/windows"
        self.raw_key, self.device_id, self.version = raw_key, device_id, version
        self.public_key = base64.b64decode(self.client.get("/api/v1/updates/public-key").json()["public_key"])

    def ask(self):
        response = self.client.get(
            self.url,
            {"device": self.device_id, "version": self.version, "model": "Quest 3"},
            headers={"Authorization": f"Bearer {self.raw_key}"},
        )
        assert response.status_code == 200, response.content
        self.last = response.json()
        return open_manifest(self.last, self.public_key, now=timezone.now(), device=self.device_id)

    def update(self):
        """Ask, download what is offered and check its SHA-256; returns the manifest's status."""
        manifest = self.ask()
        if manifest["build"]:
            with urllib.request.urlopen(manifest["build"]["url"], timeout=30) as response:
                data = response.read()
            assert len(data) == manifest["build"]["size"]
            assert hashlib.sha256(data).hexdigest() == manifest["build"]["sha256"]
            self.version = manifest["build"]["version"]
        return manifest["status"]


def test_promote_stage_widen_withdraw_roll_back(trainer, s3, tmp_path, device_key):
    key = str(trainer.translation_key)
    build(trainer, "1.0.0", tmp_path)
    ids = [f"HS-{n:04d}" for n in range(300)]
    early = Device(trainer, device_key, next(d for d in ids if channels.in_rollout(key, d, 10)), "1.0.0")
    late = Device(trainer, device_key, next(d for d in ids if not channels.in_rollout(key, d, 10)), "1.0.0")
    fresh = Device(trainer, device_key, "HS-NEW", "")
    assert fresh.update() == "update" and fresh.version == "1.0.0"
    assert early.update() == late.update() == "up_to_date"

    # Promote at 10 %: only the device inside the rollout updates.
    second = build(trainer, "1.1.0", tmp_path)
    stable = channels.promote(second, "stable", percent=10)
    assert early.update() == "update" and early.version == "1.1.0"
    assert late.update() == "up_to_date" and late.version == "1.0.0"

    # Widened to 100 %: everyone.
    channels.widen(stable, 100)
    assert late.update() == "update" and late.version == "1.1.0"

    # Withdrawn: devices that installed it go back.
    second.withdraw()
    assert early.update() == "downgrade" and early.version == "1.0.0"
    assert early.last["manifest"] and json.loads(early.last["manifest"])["status"] == "downgrade"

    # Promote again and roll back.
    third = build(trainer, "1.2.0", tmp_path)
    channels.promote(third, "stable")
    assert late.update() == "update" and late.version == "1.2.0"
    channels.roll_back(ReleaseChannel.objects.get(pk=stable.pk))
    assert late.update() == "downgrade" and late.version == "1.0.0"
    assert late.update() == "up_to_date"

    # The inventory saw every device as it last reported, written from the Redis buffer.
    assert fresh.update() == "up_to_date"
    assert fleet.flush(now=timezone.now() + timedelta(minutes=2)) >= 10
    states = dict(DeviceState.objects.values_list("device_id", "version"))
    assert states[late.device_id] == "1.0.0"
    assert states["HS-NEW"] == "1.0.0"


def test_tampered_or_expired_manifest_fails_verification(trainer, s3, tmp_path, device_key):
    build(trainer, "1.0.0", tmp_path)
    device = Device(trainer, device_key, "HS-0001", "")
    device.ask()
    body = device.last
    manifest = json.loads(body["manifest"])
    tampered = dict(body, manifest=body["manifest"].replace(manifest["build"]["sha256"], "0" * 64))
    with pytest.raises(ManifestRefused, match="signature"):
        open_manifest(tampered, device.public_key, now=timezone.now())
    expires = timezone.datetime.fromisoformat(manifest["expires_at"].replace("Z", "+00:00"))
    with pytest.raises(ManifestRefused, match="expired"):
        open_manifest(body, device.public_key, now=expires + timedelta(seconds=1))
    with pytest.raises(ManifestRefused, match="another device"):
        open_manifest(body, device.public_key, now=timezone.now(), device="HS-0002")
    other_key = bytes(32)
    with pytest.raises((ManifestRefused, ValueError)):
        open_manifest(body, other_key, now=timezone.now())
