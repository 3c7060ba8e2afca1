from datetime import timedelta
from urllib.parse import unquote

import brotli
import pytest
from django.template import Context, Template
from django.utils import timezone

from simulators import services
from simulators.models import DownloadLog, PersonalDownloadLink
from simulators.webgl_bundle import ANSWER_WASM, make_bundle

pytestmark = pytest.mark.django_db


def imported(trainer, tmp_path, data=b"build-bytes", name="crane.zip", **kwargs):
    path = tmp_path / name
    path.write_bytes(data)
    kwargs.setdefault("platform", "windows")
    kwargs.setdefault("kind", "archive")
    return services.import_file(trainer=trainer, version=kwargs.pop("version", "1.0.0"), path=path, **kwargs)


def test_public_demo_redirects_to_presigned_url_with_filename(client, trainer, fake_s3, tmp_path, settings):
    settings.SIMULATORS_DOWNLOAD_EXPIRE = 300
    build = imported(trainer, tmp_path, publish=True, is_public_demo=True)
    response = client.get(f"/ru/builds/{build.pk}/download/")
    assert response.status_code == 302
    location = unquote(response["Location"])
    assert location.startswith("http://s3.test/vt-private/builds/")
    assert "filename*=UTF-8''" in location and "X-Amz-Expires=300" in location
    assert "no-store" in response["Cache-Control"]
    assert DownloadLog.objects.get().outcome == DownloadLog.Outcome.REDIRECTED


def test_licensed_build_is_denied_to_anonymous_and_learners(client, trainer, fake_s3, tmp_path, learner):
    build = imported(trainer, tmp_path, publish=True)
    assert client.get(f"/en/builds/{build.pk}/download/").status_code == 403
    client.force_login(learner)
    response = client.get(f"/en/builds/{build.pk}/download/")
    assert response.status_code == 403
    assert "personal download link" in response.content.decode()
    assert DownloadLog.objects.filter(outcome="denied").count() == 2


def test_staff_download_and_unpublished_builds(client, trainer, fake_s3, tmp_path, build_manager):
    build = imported(trainer, tmp_path, publish=True)
    draft = imported(trainer, tmp_path, version="2.0.0", is_public_demo=True)
    client.force_login(build_manager)
    assert client.get(f"/en/builds/{build.pk}/download/").status_code == 302
    assert client.get(f"/en/builds/{draft.pk}/download/").status_code == 404


def test_personal_link_works_until_expired_or_revoked(client, trainer, fake_s3, tmp_path, time_machine):
    build = imported(trainer, tmp_path, publish=True)
    link = PersonalDownloadLink.objects.create(build=build, issued_to="ООО Ромашка")
    assert client.get(f"/ru/download/{link.token}/").status_code == 302
    assert DownloadLog.objects.get(outcome="redirected").link == link
    time_machine.move_to(timezone.now() + timedelta(days=30))
    assert client.get(f"/ru/download/{link.token}/").status_code == 410
    fresh = PersonalDownloadLink.objects.create(build=build, issued_to="x")
    fresh.revoke()
    assert client.get(f"/en/download/{fresh.token}/").status_code == 410
    assert client.get("/en/download/not-a-token/").status_code == 404


def test_storage_down_says_temporarily_unavailable(client, trainer, fake_s3, tmp_path):
    build = imported(trainer, tmp_path, publish=True, is_public_demo=True)
    fake_s3.fake.down = True
    response = client.get(f"/en/builds/{build.pk}/download/")
    assert response.status_code == 503
    assert "temporarily unavailable" in response.content.decode()
    html = Template("{% load simulators_tags %}{% trainer_builds page %}").render(Context({"page": trainer}))
    assert "Temporarily unavailable" in html
    assert f"/builds/{build.pk}/download/" not in html


def test_local_storage_streams_the_file(client, trainer, local_store, tmp_path):
    build = imported(trainer, tmp_path, data=b"local!" * 1000, publish=True, is_public_demo=True)
    response = client.get(f"/en/builds/{build.pk}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"local!" * 1000
    assert "filename*=UTF-8''" in response["Content-Disposition"]


def test_trainer_tag_shows_versions_downloads_and_demo(trainer, local_store, tmp_path):
    imported(trainer, tmp_path, publish=True, is_public_demo=True)
    imported(trainer, tmp_path, version="1.1.0", publish=True, platform="linux")
    webgl = imported(
        trainer, tmp_path, data=make_bundle(), name="web.zip", version="1.1.0", platform="webgl", kind="webgl"
    )
    webgl.is_public_demo = True
    webgl.save()
    webgl.publish()
    html = Template(
        "{% load simulators_tags %}{% trainer_current_version page %}|{% trainer_builds page %}"
    ).render(Context({"page": trainer}))
    assert html.startswith("1.1.0|")
    assert f"/play/{webgl.pk}/" in html
    assert "Licensed" in html  # the linux build is licensed
    assert html.count("/download/") == 1


def test_player_page_and_files(client, trainer, local_store, tmp_path, build_manager):
    build = imported(
        trainer, tmp_path, data=make_bundle("Out"), name="web.zip", platform="webgl", kind="webgl"
    )
    build.publish()
    assert client.get(f"/en/play/{build.pk}/").status_code == 404  # licensed: build_manager only
    client.force_login(build_manager)
    page = client.get(f"/en/play/{build.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"/en/play/{build.pk}/files/index.html" in html and "simulators/play.js" in html
    assert "<script>" not in html  # CSP: no inline scripts

    url = f"/en/play/{build.pk}/files/Build/vt-test.wasm.br"
    raw = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert raw["Content-Encoding"] == "br" and raw["Content-Type"] == "application/wasm"
    assert brotli.decompress(b"".join(raw.streaming_content)) == ANSWER_WASM
    decoded = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert "Content-Encoding" not in decoded
    assert b"".join(decoded.streaming_content) == ANSWER_WASM

    index = client.get(f"/en/play/{build.pk}/files/index.html")
    assert index["X-Frame-Options"] == "SAMEORIGIN"
    assert "'wasm-unsafe-eval'" in index["Content-Security-Policy"]
    assert client.get(f"/en/play/{build.pk}/files/missing.js").status_code == 404
    assert client.get(f"/en/play/{build.pk}/files/../../etc/passwd").status_code == 404


def test_admin_upload_page_and_build_listing(client, trainer, fake_s3, build_manager, tmp_path):
    imported(trainer, tmp_path)
    client.force_login(build_manager)
    page = client.get("/admin/simulators/upload/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="upload-progress"' in html and "simulators/upload.js" in html and "Кран мостовой" in html
    listing = client.get("/admin/simulator_builds/?status=draft&platform=windows")
    assert listing.status_code == 200 and "1.0.0" in listing.content.decode()
    assert client.get("/admin/simulator_builds/new/").status_code == 302


def test_admin_edit_form_moves_status_through_the_lifecycle(
    client, trainer, local_store, build_manager, tmp_path
):
    build = imported(trainer, tmp_path)
    client.force_login(build_manager)
    url = f"/admin/simulator_builds/edit/{build.pk}/"
    form = client.get(url)
    assert form.status_code == 200
    html = form.content.decode()
    assert 'name="new_status"' in html and 'value="uploading"' not in html
    response = client.post(url, {"new_status": "published", "release_note": "", "is_public_demo": "on"})
    assert response.status_code == 302
    build.refresh_from_db()
    assert build.status == "published" and build.is_public_demo
    refused = client.post(url, {"new_status": "uploading", "release_note": ""})
    assert refused.status_code == 200
    build.refresh_from_db()
    assert build.status == "published"
