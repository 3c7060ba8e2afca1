"""Against the real S3-compatible server (S3Proxy with signature v4 auth) and PostgreSQL."""

import hashlib
import io
import urllib.error
import urllib.request
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.template import Context, Template
from django.utils import timezone
from rest_framework.test import APIClient

from simulators import services
from simulators.models import BuildStatus, SimulatorBuild
from simulators.storage import S3Store, _client, get_store, hash_object, override_store
from simulators.tests.conftest import public_webgl_demo, sha
from simulators.webgl_bundle import ANSWER_WASM

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def s3():
    """The configured private bucket, under a prefix of this test run so parallel runs never collide."""
    configured = get_store()
    assert isinstance(configured, S3Store), "integration tests need AWS_PRIVATE_BUCKET_NAME"
    with override_store(
        S3Store(configured.client, configured.bucket, f"test-simulators/{uuid.uuid4().hex}")
    ) as store:
        yield store
        store.delete_prefix("")


def http(method, url, data=None):
    # A binary Content-Type as browsers send for a Blob (urllib's form default confuses S3Proxy).
    headers = {"Content-Type": "application/octet-stream"} if data is not None else {}
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


def test_presigned_multipart_upload_complete_and_verify(
    trainer, s3, build_manager, settings, django_capture_on_commit_callbacks
):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(build_manager)
    data = hashlib.sha256(b"seed").digest() * (11 * 1024 * 1024 // 32)  # 11 MiB -> parts of 5 MiB
    settings.SIMULATORS_UPLOAD_PART_SIZE = 5 * 1024 * 1024
    body = client.post(
        "/api/v1/builds/uploads",
        {
            "trainer": trainer.pk,
            "version": "1.0.0",
            "platform": "windows",
            "kind": "archive",
            "filename": "Кран.zip",
            "size": len(data),
        },
        format="json",
    ).json()
    build_id, part_size = body["build"]["id"], body["part_size"]
    urls = client.post(
        f"/api/v1/builds/uploads/{build_id}/parts", {"part_numbers": [1, 2, 3]}, format="json"
    ).json()["urls"]
    for number in (1, 2, 3):
        chunk = data[(number - 1) * part_size : number * part_size]
        status, _body, headers = http("PUT", urls[str(number)], chunk)
        assert status == 200 and headers.get("ETag")
    assert [p["size"] for p in client.get(f"/api/v1/builds/uploads/{build_id}/parts").json()] == [
        part_size,
        part_size,
        len(data) - 2 * part_size,
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/v1/builds/uploads/{build_id}/complete",
            {"sha256": hashlib.sha256(data).hexdigest()},
            format="json",
        )
    assert response.status_code == 202
    build = SimulatorBuild.objects.get(pk=build_id)
    assert build.status == BuildStatus.DRAFT
    assert hash_object(s3, build.object_key) == (len(data), hashlib.sha256(data).hexdigest())

    # Presigned download: bytes match and the browser gets the UTF-8 file name.
    build.is_public_demo = True
    build.save()
    build.publish()
    redirect = APIClient(HTTP_ACCEPT_LANGUAGE="en").get(f"/ru/builds/{build.pk}/download/")
    status, downloaded, headers = http("GET", redirect["Location"])
    assert status == 200 and downloaded == data
    assert "filename*=UTF-8''" in headers["Content-Disposition"]


def test_unsigned_request_to_the_bucket_is_refused(s3):
    s3.put_bytes("secret.bin", b"licensed")
    endpoint = django_settings.AWS_S3_ENDPOINT_URL.rstrip("/")
    status, _body, _headers = http("GET", f"{endpoint}/{s3.bucket}/{s3.prefix}secret.bin")
    assert status == 403
    signed = s3.download_url("secret.bin", "secret.bin")
    assert http("GET", signed)[0] == 200
    tampered = signed.replace("secret.bin?", "secret.bin?x=1&", 1)
    assert http("GET", tampered)[0] == 403


def test_expired_presigned_url_is_refused(s3, time_machine):
    s3.put_bytes("old.bin", b"licensed")
    time_machine.move_to(timezone.now() - timedelta(hours=2), tick=False)
    expired = s3.download_url("old.bin", "old.bin", expires=600)
    time_machine.move_to(timezone.now() + timedelta(hours=2), tick=True)
    status, body, _headers = http("GET", expired)
    assert status == 403
    assert b"expired" in body.lower() or b"AccessDenied" in body


def test_import_build_and_webgl_player_from_s3(trainer, s3, client, tmp_path):
    build = public_webgl_demo(trainer, tmp_path)
    assert build.is_playable
    wasm = client.get(f"/en/play/{build.pk}/files/Build/vt-test.wasm.br", HTTP_ACCEPT_ENCODING="gzip")
    assert wasm["Content-Type"] == "application/wasm"
    assert b"".join(wasm.streaming_content) == ANSWER_WASM
    head = s3.client.head_object(
        Bucket=s3.bucket, Key=f"{s3.prefix}{build.webgl_prefix}Build/vt-test.wasm.br"
    )
    assert (head["ContentType"], head["ContentEncoding"]) == ("application/wasm", "br")


def test_abort_stale_uploads_on_s3(s3):
    from simulators.services import abort_stale_uploads

    upload_id = s3.create_multipart("stale.bin")
    assert [u[1] for u in s3.list_multipart_uploads()] == [upload_id]
    assert abort_stale_uploads() == 0
    # Judge the upload from tomorrow (moving the clock would make S3 refuse the skewed signatures).
    assert abort_stale_uploads(now=timezone.now() + timedelta(hours=25)) == 1
    assert list(s3.list_multipart_uploads()) == []


def test_s3_unreachable_pages_render_and_upload_is_a_clear_error(
    trainer, s3, client, build_manager, tmp_path
):
    path = tmp_path / "a.zip"
    path.write_bytes(b"abc")
    build = services.import_file(
        trainer=trainer,
        version="1.0.0",
        platform="windows",
        kind="archive",
        path=path,
        is_public_demo=True,
        publish=True,
    )
    dead_endpoint = "http://127.0.0.1:9"
    assert urlsplit(dead_endpoint).port == 9
    dead = S3Store(_client(dead_endpoint), s3.bucket)
    with override_store(dead):
        html = Template("{% load simulators_tags %}{% trainer_builds page %}").render(
            Context({"page": trainer})
        )
        assert "Temporarily unavailable" in html
        response = client.get(f"/en/builds/{build.pk}/download/")
        assert response.status_code == 503
        api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        api.force_authenticate(build_manager)
        started = api.post(
            "/api/v1/builds/uploads",
            {
                "trainer": trainer.pk,
                "version": "2.0.0",
                "platform": "windows",
                "kind": "archive",
                "filename": "b.zip",
                "size": 10,
            },
            format="json",
        )
        assert started.status_code == 503
        assert "temporarily unavailable" in started.json()["error"]["message"]
    assert SimulatorBuild.objects.count() == 1


def test_import_build_command_stores_the_file_in_parts_and_records_its_sha256(
    trainer, s3, settings, tmp_path
):
    settings.SIMULATORS_UPLOAD_PART_SIZE = 5 * 1024 * 1024
    data = uuid.uuid4().bytes * (12 * 1024 * 64)  # 12 MB: three parts
    path = tmp_path / "crane.zip"
    path.write_bytes(data)
    call_command("import_build", str(trainer.pk), "3.0.0", "windows", str(path), stdout=io.StringIO())
    build = SimulatorBuild.objects.get(version="3.0.0")
    assert (build.size, build.sha256, build.status) == (len(data), sha(data), BuildStatus.DRAFT)
    assert hash_object(s3, build.object_key) == (len(data), sha(data))
    assert list(s3.list_multipart_uploads()) == []


def test_import_build_command_with_s3_unreachable_is_a_command_error_without_a_build(trainer, s3, tmp_path):
    path = tmp_path / "crane.zip"
    path.write_bytes(b"PK" * 1000)
    dead = S3Store(_client("http://127.0.0.1:9"), s3.bucket)
    with override_store(dead), pytest.raises(CommandError, match="temporarily unavailable"):
        call_command("import_build", str(trainer.pk), "3.0.0", "windows", str(path))
    assert not SimulatorBuild.objects.exists()
