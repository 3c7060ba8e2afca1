"""Access suspended during works: a window in progress refuses its trainers' downloads and launches."""

import datetime as dt

import pytest
from django.utils import timezone

from simulators import services
from simulators.models import DownloadLog
from simulators.storage import LocalStore, override_store
from simulators.webgl_bundle import make_bundle
from support.status import suspension

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainers(status, make_trainer):
    return [make_trainer()[0], make_trainer("welding", ru={"title": "Сварка"}, en={"title": "Welding"})[0]]


@pytest.fixture
def builds(trainers, tmp_path):
    """A public archive and a public WebGL demo of each trainer, in a local store."""
    with override_store(LocalStore(tmp_path / "private")):
        made = {}
        for page in trainers:
            archive = tmp_path / f"{page.slug}.zip"
            archive.write_bytes(b"build-bytes")
            bundle = tmp_path / f"{page.slug}-webgl.zip"
            bundle.write_bytes(make_bundle("Demo"))
            common = {"trainer": page, "version": "1.0.0", "is_public_demo": True, "publish": True}
            made[page.slug] = (
                services.import_file(path=archive, platform="windows", kind="archive", **common),
                services.import_file(path=bundle, platform="webgl", kind="webgl", **common),
            )
        yield made


def _window(make_notice, slug, **fields):
    now = timezone.now()
    return make_notice(slug, now - dt.timedelta(minutes=5), now + dt.timedelta(hours=2), **fields)


def test_a_window_in_progress_suspends_its_trainers_downloads_and_launches(
    client, make_notice, trainers, builds
):
    crane, _welding = trainers
    _window(make_notice, "crane-works", whole_platform=False, trainers=[crane])
    archive, webgl = builds["crane"]

    response = client.get(f"/en/builds/{archive.pk}/download/")
    assert response.status_code == 503
    assert 7000 <= int(response["Retry-After"]) <= 7200
    body = response.content.decode()
    assert "Works crane-works" in body and "MSK" in body and "Suspended for maintenance" in body
    assert DownloadLog.objects.get().outcome == DownloadLog.Outcome.SUSPENDED
    assert client.get(f"/ru/play/{webgl.pk}/").status_code == 503
    assert "Работы crane-works" in client.get(f"/ru/play/{webgl.pk}/").content.decode()

    # The other trainer is not affected.
    other_archive, other_webgl = builds["welding"]
    assert client.get(f"/en/builds/{other_archive.pk}/download/").status_code == 200
    assert client.get(f"/en/play/{other_webgl.pk}/").status_code == 200


def test_named_services_only_and_degraded_windows_suspend_nothing(client, make_notice, trainers, builds):
    _window(make_notice, "storage-works", whole_platform=False, components=["downloads"])
    _window(make_notice, "slow-site", impact="degraded")
    archive, webgl = builds["welding"]
    assert client.get(f"/en/builds/{archive.pk}/download/").status_code == 503
    assert client.get(f"/en/play/{webgl.pk}/").status_code == 200
    # A notice about the website alone suspends no trainer.
    assert suspension.suspension(str(trainers[0].translation_key), "launcher") is None


def test_suspension_ends_with_the_window_and_spares_the_engineers(
    client, make_notice, trainers, builds, django_user_model, time_machine
):
    from django.contrib.auth.models import Group

    _window(make_notice, "all-works")
    archive, _webgl = builds["crane"]
    engineer = django_user_model.objects.create_user("engineer", "e@example.com", "pw")
    engineer.groups.add(Group.objects.get(name="Build managers"))
    client.force_login(engineer)
    assert client.get(f"/en/builds/{archive.pk}/download/").status_code == 200
    client.logout()
    assert client.get(f"/en/builds/{archive.pk}/download/").status_code == 503

    time_machine.move_to(timezone.now() + dt.timedelta(hours=2, minutes=1))
    assert client.get(f"/en/builds/{archive.pk}/download/").status_code == 200


def test_upcoming_and_cancelled_windows_suspend_nothing(client, make_notice, trainers, builds):
    now = timezone.now()
    make_notice("later", now + dt.timedelta(hours=1), now + dt.timedelta(hours=3))
    _window(make_notice, "cancelled", cancelled=True)
    archive, _webgl = builds["crane"]
    assert client.get(f"/en/builds/{archive.pk}/download/").status_code == 200
