import pytest
from rest_framework.test import APIClient

from simulators.models import BuildStatus, SimulatorBuild
from simulators.tests.conftest import sha

pytestmark = pytest.mark.django_db

API = "/api/v1/builds/uploads"


@pytest.fixture
def manager_client(build_manager):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(build_manager)
    return client


def start(client, trainer, **overrides):
    body = {
        "trainer": trainer.pk,
        "version": "1.0.0",
        "platform": "windows",
        "kind": "archive",
        "filename": "crane.zip",
        "size": 12 * 1024 * 1024,
        **overrides,
    }
    return client.post(API, body, format="json")


def upload_parts(store, build, data, part_size):
    for number, offset in enumerate(range(0, len(data), part_size), start=1):
        store.fake.upload_part(
            Bucket="vt-private",
            Key=build.object_key,
            UploadId=build.upload_id,
            PartNumber=number,
            Body=data[offset : offset + part_size],
        )


def test_full_upload_flow(manager_client, trainer, fake_s3, settings, django_capture_on_commit_callbacks):
    settings.SIMULATORS_UPLOAD_PART_SIZE = 5 * 1024 * 1024
    data = b"\x01\x02" * (6 * 1024 * 1024)
    response = start(manager_client, trainer, size=len(data))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["part_size"], body["part_count"]) == (5 * 1024 * 1024, 3)
    build = SimulatorBuild.objects.get(pk=body["build"]["id"])
    assert build.status == BuildStatus.UPLOADING and build.upload_id

    signed = manager_client.post(f"{API}/{build.pk}/parts", {"part_numbers": [1, 2, 3]}, format="json").json()
    assert "PartNumber=2" in signed["urls"]["2"] and "UploadId=" in signed["urls"]["2"]

    # The browser PUTs the first part, the connection drops; listing the parts lets it resume.
    upload_parts(fake_s3, build, data[: 5 * 1024 * 1024], 5 * 1024 * 1024)
    listed = manager_client.get(f"{API}/{build.pk}/parts").json()
    assert [p["part_number"] for p in listed] == [1]
    early = manager_client.post(f"{API}/{build.pk}/complete", {"sha256": sha(data)}, format="json")
    assert early.status_code == 409
    assert "resume" in early.json()["error"]["message"]

    upload_parts(fake_s3, build, data, 5 * 1024 * 1024)
    with django_capture_on_commit_callbacks(execute=True):
        done = manager_client.post(f"{API}/{build.pk}/complete", {"sha256": sha(data)}, format="json")
    assert done.status_code == 202
    build.refresh_from_db()
    assert build.status == BuildStatus.DRAFT  # verified inline by the immediate task backend
    assert build.verified_at is not None

    published = manager_client.post(f"/api/v1/builds/{build.pk}/publish")
    assert published.status_code == 200
    assert published.json()["status"] == "published"


def test_wrong_checksum_fails_verification(
    manager_client, trainer, fake_s3, django_capture_on_commit_callbacks
):
    data = b"abc" * 1000
    build_id = start(manager_client, trainer, size=len(data)).json()["build"]["id"]
    build = SimulatorBuild.objects.get(pk=build_id)
    upload_parts(fake_s3, build, data, len(data))
    with django_capture_on_commit_callbacks(execute=True):
        manager_client.post(f"{API}/{build.pk}/complete", {"sha256": "0" * 64}, format="json")
    status = manager_client.get(f"/api/v1/builds/{build.pk}").json()
    assert status["status"] == "failed"
    assert "SHA-256 mismatch" in status["status_message"]
    assert manager_client.post(f"/api/v1/builds/{build.pk}/publish").status_code == 409


def test_abort_removes_upload_and_build(manager_client, trainer, fake_s3):
    build_id = start(manager_client, trainer).json()["build"]["id"]
    assert manager_client.delete(f"{API}/{build_id}").status_code == 204
    assert not SimulatorBuild.objects.filter(pk=build_id).exists()
    assert fake_s3.fake.uploads == {}


def test_duplicate_version_and_bad_input(manager_client, trainer, fake_s3):
    assert start(manager_client, trainer).status_code == 201
    duplicate = start(manager_client, trainer)
    assert duplicate.status_code == 400
    assert "already exists" in duplicate.json()["error"]["fields"]["version"][0]
    bad = start(manager_client, trainer, version="1.0", kind="webgl", filename="x.exe")
    assert bad.status_code == 400
    assert bad.json()["error"]["fields"]
    assert start(manager_client, trainer, size=0).status_code == 400


def test_part_numbers_beyond_the_file_are_refused(manager_client, trainer, fake_s3):
    build_id = start(manager_client, trainer, size=100).json()["build"]["id"]
    response = manager_client.post(f"{API}/{build_id}/parts", {"part_numbers": [2]}, format="json")
    assert response.status_code == 400


def test_storage_down_is_a_clear_503_and_leaves_no_build(manager_client, trainer, fake_s3):
    fake_s3.fake.down = True
    response = start(manager_client, trainer)
    assert response.status_code == 503
    assert "temporarily unavailable" in response.json()["error"]["message"]
    assert not SimulatorBuild.objects.exists()


def test_local_storage_refuses_direct_upload(manager_client, trainer, local_store):
    response = start(manager_client, trainer)
    assert response.status_code == 503
    assert "S3" in response.json()["error"]["message"]


def test_staff_only(trainer, fake_s3, learner):
    anonymous = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    assert start(anonymous, trainer).status_code == 403
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(learner)
    assert start(client, trainer).status_code == 403


def test_csrf_is_enforced_for_session_auth(trainer, fake_s3, build_manager):
    client = APIClient(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.login(username="manager", password="pw")
    response = start(client, trainer)
    assert response.status_code == 403
    assert "CSRF" in response.json()["error"]["message"]


def test_upload_endpoints_are_in_the_schema(client):
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/builds/uploads" in schema
    assert "/api/v1/release-notes" in schema
