"""Chromium against a live server and the real S3Proxy: admin upload, presigned download, WebGL launch."""

import hashlib
import os
import uuid
from pathlib import Path

import pytest
from django.test import Client

from simulators.models import BuildStatus, PersonalDownloadLink, SimulatorBuild
from simulators.storage import S3Store, get_store, override_store
from simulators.tests.conftest import public_webgl_demo

pytestmark = [pytest.mark.browser, pytest.mark.integration]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture
def s3_prefix():
    configured = get_store()
    assert isinstance(configured, S3Store), "browser tests need AWS_PRIVATE_BUCKET_NAME"
    with override_store(
        S3Store(configured.client, configured.bucket, f"test-browser/{uuid.uuid4().hex}")
    ) as store:
        yield store
        store.delete_prefix("")


def login(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.mark.django_db(transaction=True)
def test_staff_uploads_in_admin_and_learner_downloads(
    live_server, browser_page, trainer, s3_prefix, django_user_model, tmp_path
):
    boss = django_user_model.objects.create_superuser("boss", "boss@example.com", "pw")
    data = os.urandom(1024 * 1024) * 30  # ~30 MB, 2 parts of 16 MiB
    build_file = tmp_path / "crane-1.3.0.zip"
    build_file.write_bytes(data)

    page = browser_page
    login(page, live_server, boss)
    page.goto(f"{live_server.url}/admin/simulators/upload/")
    page.select_option("#id_trainer", str(trainer.pk))
    page.fill("#id_version", "1.3.0")
    page.select_option("#id_platform", "windows")
    page.select_option("#id_kind", "archive")
    page.set_input_files("#id_file", str(build_file))
    page.click("#build-upload [type=submit]")
    page.wait_for_selector("#upload-progress:not([hidden]), #upload-error:not([hidden])", timeout=60_000)
    assert page.is_hidden("#upload-error"), page.inner_text("#upload-error")
    page.wait_for_selector("#upload-publish:not([hidden])", timeout=120_000)
    assert page.eval_on_selector("#upload-progress", "p => p.value === p.max")
    page.click("#upload-publish")
    page.wait_for_function(
        "!document.querySelector('#upload-publish') || document.querySelector('#upload-publish').hidden"
    )

    build = SimulatorBuild.objects.get(trainer=trainer, version="1.3.0")
    assert build.status == BuildStatus.PUBLISHED
    assert build.sha256 == hashlib.sha256(data).hexdigest()

    link = PersonalDownloadLink.objects.create(build=build, issued_to="learner@example.com", created_by=boss)
    learner = page.context.browser.new_context(accept_downloads=True)
    try:
        learner_page = learner.new_page()
        learner_page.goto(f"{live_server.url}/ru/")
        with learner_page.expect_download(timeout=60_000) as info:
            learner_page.evaluate(
                "url => { const a = document.createElement('a'); a.href = url; "
                "document.body.append(a); a.click(); }",
                f"{live_server.url}/ru/download/{link.token}/",
            )
        download = info.value
        target = tmp_path / "downloaded.zip"
        download.save_as(str(target))
        assert download.suggested_filename.endswith("1.3.0 windows.zip")
        downloaded = target.read_bytes()
        assert len(downloaded) == len(data)
        assert hashlib.sha256(downloaded).hexdigest() == build.sha256
    finally:
        learner.close()
    assert link.downloads.filter(outcome="redirected").count() == 1


@pytest.mark.django_db(transaction=True)
def test_webgl_bundle_launches_from_the_trainer_page(live_server, browser_page, trainer, s3_prefix, tmp_path):
    build = public_webgl_demo(trainer, tmp_path)
    page = browser_page
    page.goto(f"{live_server.url}{trainer.url}")
    page.click(f"a[href$='/play/{build.pk}/']")
    page.wait_for_selector("#player-verdict:not(:empty)")
    page.click("#player-launch")
    page.wait_for_selector(".player.is-ready", timeout=30_000)
    frame = page.frame_locator("#player-frame")
    assert frame.locator("#state").inner_text() == "ready 42"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("language", ["ru", "en"])
def test_player_checks_first_starts_on_click_and_always_offers_an_exit(
    live_server, chromium, trainer, s3_prefix, tmp_path, language, width
):
    build = public_webgl_demo(trainer, tmp_path)
    context = chromium.new_context(viewport={"width": width, "height": 844}, locale=f"{language}-RU")
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = []
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    shot = ARTIFACTS / f"player-{language}-{width}"
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        page.goto(f"{live_server.url}/{language}/play/{build.pk}/")
        page.wait_for_selector("#player-verdict:not(:empty)")
        # The check comes first: nothing is loaded, nothing covers the page.
        assert page.get_attribute("#player-frame", "src") is None
        assert page.evaluate("document.fullscreenElement") is None
        assert page.is_visible("#player-check")
        assert page.is_hidden("#player-stage")
        assert page.is_enabled("#player-launch")
        page.screenshot(path=f"{shot}-check.png", full_page=True)

        page.click("#player-launch")
        page.wait_for_selector(".player.is-ready", timeout=30_000)
        assert page.frame_locator("#player-frame").locator("#state").inner_text() == "ready 42"
        assert page.get_attribute("#player-frame", "src").endswith("/index.html")
        assert page.is_visible("header")
        assert page.evaluate("document.querySelector('header').getBoundingClientRect().bottom") > 0
        assert page.is_visible("#player-exit") and page.is_visible("#player-fullscreen")
        assert page.is_visible("#player-back")
        page.screenshot(path=f"{shot}-playing.png", full_page=True)

        page.click("#player-fullscreen")
        page.wait_for_function(
            "document.fullscreenElement && document.fullscreenElement.id === 'player-stage'"
        )
        assert page.is_visible("#player-exit")
        page.click("#player-exit")
        page.wait_for_function("!document.fullscreenElement")
        assert page.is_visible("#player-check")
        assert page.is_hidden("#player-stage")
        assert page.get_attribute("#player-frame", "src") is None
        assert problems == []
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_player_without_webgl2_keeps_start_disabled_and_explains(
    live_server, chromium, trainer, s3_prefix, tmp_path
):
    build = public_webgl_demo(trainer, tmp_path)
    context = chromium.new_context(locale="en-GB")
    context.add_init_script("delete window.WebGL2RenderingContext;")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/en/play/{build.pk}/")
        page.wait_for_selector("#player-verdict:not(:empty)")
        assert "WebGL 2 is not available" in page.inner_text("#player-verdict")
        assert page.is_disabled("#player-launch")
        assert page.is_visible("#player-help")
        assert page.is_visible("#player-back")
        assert page.get_attribute("#player-frame", "src") is None
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "player-en-no-webgl2.png"), full_page=True)
    finally:
        context.close()
