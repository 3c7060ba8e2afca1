"""Fixtures of the simulators tests: a trainer page, users and an in-memory or local build store."""

import hashlib

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from simulators import services
from simulators.models import BuildStatus, SimulatorBuild
from simulators.storage import LocalStore, S3Store, override_store
from simulators.tests.fakes import FakeS3Client
from simulators.webgl_bundle import make_bundle


@pytest.fixture(autouse=True)
def _clear_cache_english():
    """Messages are asserted in English (the source language); views under /ru/ still switch."""
    cache.clear()
    with translation.override("en"):
        yield
    cache.clear()


@pytest.fixture
def trainer(make_trainer):
    return make_trainer()[0]


@pytest.fixture
def fake_s3():
    client = FakeS3Client()
    with override_store(S3Store(client, "vt-private", "")) as store:
        store.fake = client
        yield store


@pytest.fixture
def local_store(tmp_path):
    with override_store(LocalStore(tmp_path / "private")) as store:
        yield store


@pytest.fixture
def build_manager(django_user_model):
    """A member of the "Build managers" group (migration ``simulators/0003``), not ``is_staff``."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("manager", "manager@example.com", "pw")
    user.groups.add(Group.objects.get(name="Build managers"))
    return user


@pytest.fixture
def learner(django_user_model):
    return django_user_model.objects.create_user("learner", "learner@example.com", "pw")


def sha(data):
    return hashlib.sha256(data).hexdigest()


def public_webgl_demo(trainer, tmp_path):
    """A published public-demo WebGL build of ``trainer`` whose bundle reports "ready 42" when played."""
    path = tmp_path / "crane-webgl.zip"
    path.write_bytes(make_bundle("CraneWebGL"))
    return services.import_file(
        trainer=trainer,
        version="1.0.0",
        platform="webgl",
        kind="webgl",
        path=path,
        is_public_demo=True,
        publish=True,
    )


def verified_build(trainer, version, *, platform="windows", publish=True, **fields):
    """A build row as if uploaded and verified (no object stored), published unless ``publish=False``."""
    build = SimulatorBuild.objects.create(
        trainer=trainer,
        version=version,
        platform=platform,
        status=BuildStatus.DRAFT,
        original_filename="crane.zip",
        object_key=f"builds/{platform}/{version}/crane.zip",
        verified_at=timezone.now(),
        **{"size": 10, "sha256": "a" * 64} | fields,
    )
    if publish:
        build.publish()
    return build
