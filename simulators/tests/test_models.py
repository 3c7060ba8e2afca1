from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from simulators.models import (
    BuildStatus,
    InvalidTransition,
    PersonalDownloadLink,
    ReleaseChannel,
    SimulatorBuild,
    validate_semver,
)

pytestmark = pytest.mark.django_db


def make(trainer, version="1.0.0", platform="windows", status=BuildStatus.DRAFT, **fields):
    return SimulatorBuild.objects.create(
        trainer=trainer,
        version=version,
        platform=platform,
        status=status,
        original_filename=fields.pop("original_filename", "crane.zip"),
        object_key=f"builds/{platform}/{version}/crane.zip",
        size=10,
        sha256="a" * 64,
        verified_at=timezone.now() if status != BuildStatus.UPLOADING else None,
        **fields,
    )


@pytest.mark.parametrize(
    "value", ["1.0.0", "0.1.2", "10.20.30", "1.0.0-rc.1", "1.0.0+build.5", "2.0.0-alpha"]
)
def test_semver_accepts(value):
    validate_semver(value)


@pytest.mark.parametrize("value", ["1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0.0", "", "latest"])
def test_semver_rejects(value):
    with pytest.raises(ValidationError):
        validate_semver(value)


def test_version_unique_per_trainer_and_platform(trainer):
    make(trainer)
    make(trainer, platform="linux")
    with pytest.raises(IntegrityError), transaction.atomic():
        SimulatorBuild.objects.create(
            trainer=trainer,
            version="1.0.0",
            platform="windows",
            original_filename="x.zip",
            object_key="other",
            size=1,
            sha256="b" * 64,
        )


def test_publish_starts_the_stable_channel_and_keeps_earlier_builds(trainer):
    """Channels offer several published builds at once; the first one starts the stable channel (the
    public download), later ones wait for a promotion."""
    old = make(trainer, "1.0.0")
    old.publish()
    new = make(trainer, "1.1.0")
    new.publish()
    old.refresh_from_db()
    assert (old.status, new.status) == (BuildStatus.PUBLISHED, BuildStatus.PUBLISHED)
    stable = ReleaseChannel.objects.get(trainer=trainer, platform="windows", name="stable")
    assert stable.build == old
    assert stable.events.get().action == "promote"


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (BuildStatus.UPLOADING, BuildStatus.PUBLISHED),
        (BuildStatus.DRAFT, BuildStatus.UPLOADING),
        (BuildStatus.PUBLISHED, BuildStatus.DRAFT),
        (BuildStatus.WITHDRAWN, BuildStatus.PUBLISHED),
        (BuildStatus.FAILED, BuildStatus.DRAFT),
    ],
)
def test_invalid_transitions_are_refused(trainer, source, target):
    build = make(trainer, status=source)
    with pytest.raises(InvalidTransition):
        build.transition(target)
    build.refresh_from_db()
    assert build.status == source


def test_unverified_upload_cannot_become_draft(trainer):
    build = make(trainer, status=BuildStatus.UPLOADING)
    with pytest.raises(InvalidTransition):
        build.transition(BuildStatus.DRAFT)


def test_valid_lifecycle(trainer):
    build = make(trainer, status=BuildStatus.DRAFT)
    build.transition(BuildStatus.PUBLISHED)
    assert build.is_downloadable
    build.transition(BuildStatus.WITHDRAWN)
    build.transition(BuildStatus.DRAFT)
    assert SimulatorBuild.objects.get(pk=build.pk).status == BuildStatus.DRAFT


def test_download_filename_keeps_extension(trainer):
    build = make(trainer, original_filename="setup.tar.gz")
    assert build.download_filename == "Кран мостовой 1.0.0 windows.tar.gz"


def test_personal_link_expiry_and_revocation(trainer, time_machine):
    link = PersonalDownloadLink.objects.create(build=make(trainer), issued_to="ООО Ромашка")
    assert len(link.token) >= 40
    assert link.is_active
    time_machine.move_to(timezone.now() + timedelta(days=15))
    assert not link.is_active
    link2 = PersonalDownloadLink.objects.create(build=link.build, issued_to="x")
    link2.revoke()
    assert not link2.is_active
    assert list(PersonalDownloadLink.objects.active()) == []
