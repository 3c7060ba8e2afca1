import pytest

from simulators import demo
from simulators.models import BuildStatus, ReleaseNotePage, SimulatorBuild

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_builds_are_published(site_shell, trainer, local_store):
    site_shell.options = {"release_notes": 3}
    demo.load(site_shell)
    site_shell.options = {}
    demo.load(site_shell)
    assert ReleaseNotePage.objects.filter(locale__language_code="ru").count() == 3 + 3
    assert ReleaseNotePage.objects.filter(locale__language_code="en").count() == 3 + 3
    builds = SimulatorBuild.objects.for_trainer(trainer)
    assert {(b.platform, b.status) for b in builds} == {("windows", "published"), ("webgl", "published")}
    webgl = builds.get(platform="webgl")
    assert webgl.is_playable and webgl.is_public_demo
    assert all(b.status == BuildStatus.PUBLISHED for b in builds)


def test_demo_without_trainers_creates_notes_only(site_shell, local_store):
    demo.load(site_shell)
    assert "no live trainers" in site_shell.stdout.getvalue()
    assert not SimulatorBuild.objects.exists()
    assert ReleaseNotePage.objects.live().count() == 6
