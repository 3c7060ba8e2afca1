"""Who may do what with builds, one role at a time: the project's permissions decide, never ``is_staff``.

Roles: anonymous, a learner, ``is_staff`` without any permission, Wagtail's Editors and Moderators,
Support and Build managers (groups from the migrations).
"""

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from simulators.models import BuildStatus, PersonalDownloadLink, SimulatorBuild
from simulators.tests.test_api import start
from simulators.tests.test_views import imported

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "learner", "staff_only", "Editors", "Moderators", "Support", "Build managers"]


@pytest.fixture
def as_role(django_user_model):
    def make(role):
        if role == "anonymous":
            return None
        user = django_user_model.objects.create_user(
            role.lower().replace(" ", "_"), "user@example.com", "pw", is_staff=role == "staff_only"
        )
        if role not in ("learner", "staff_only"):
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


def api_client(user):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


def web_client(client, user):
    if user is not None:
        client.force_login(user)
    return client


def expected(role, *allowed):
    return role in allowed


@pytest.mark.parametrize("role", ROLES)
def test_build_status_api(role, as_role, trainer, fake_s3, tmp_path):
    build = imported(trainer, tmp_path)
    response = api_client(as_role(role)).get(f"/api/v1/builds/{build.pk}")
    assert (response.status_code == 200) is expected(role, "Build managers")
    if response.status_code != 200:
        assert response.status_code in (401, 403) and "error" in response.json()


@pytest.mark.parametrize("role", ROLES)
def test_publish_api(role, as_role, trainer, fake_s3, tmp_path):
    build = imported(trainer, tmp_path)
    response = api_client(as_role(role)).post(f"/api/v1/builds/{build.pk}/publish")
    build.refresh_from_db()
    assert (build.status == BuildStatus.PUBLISHED) is expected(role, "Build managers")
    assert response.status_code == (200 if expected(role, "Build managers") else 403)


@pytest.mark.parametrize("role", ROLES)
def test_starting_an_upload(role, as_role, trainer, fake_s3):
    response = start(api_client(as_role(role)), trainer)
    assert response.status_code == (201 if expected(role, "Build managers") else 403)
    assert SimulatorBuild.objects.exists() is expected(role, "Build managers")


@pytest.mark.parametrize("role", ROLES)
def test_licensed_download_and_player(role, as_role, client, trainer, local_store, tmp_path):
    from simulators.webgl_bundle import make_bundle

    build = imported(trainer, tmp_path, publish=True)
    webgl = imported(trainer, tmp_path, data=make_bundle(), name="web.zip", platform="webgl", kind="webgl")
    webgl.publish()
    web_client(client, as_role(role))
    allowed = expected(role, "Support", "Build managers")
    assert client.get(f"/en/builds/{build.pk}/download/").status_code == (200 if allowed else 403)
    assert client.get(f"/en/play/{webgl.pk}/").status_code == (200 if allowed else 404)
    page = client.get(trainer.url)
    assert (f"/builds/{build.pk}/download/" in page.content.decode()) is allowed


@pytest.mark.parametrize("role", ROLES)
def test_admin_upload_page_and_menu(role, as_role, client, trainer, fake_s3):
    web_client(client, as_role(role))
    response = client.get("/admin/simulators/upload/")
    if expected(role, "Build managers"):
        assert response.status_code == 200
        assert "/admin/simulators/upload/" in client.get("/admin/").content.decode()
    else:
        # Wagtail sends users without the permission back with a message, never to the page.
        assert response.status_code in (302, 403)
        if role in ("Editors", "Moderators", "Support"):
            assert "/admin/simulators/upload/" not in client.get("/admin/").content.decode()


def test_abort_is_for_whoever_started_the_upload(as_role, trainer, fake_s3, django_user_model):
    first, second = as_role("Build managers"), django_user_model.objects.create_user("other", "o@x.ru", "pw")
    second.groups.add(Group.objects.get(name="Build managers"))
    build_id = start(api_client(first), trainer).json()["build"]["id"]
    # A colleague may start uploads but not delete builds: someone else's upload is not theirs to abort.
    group = Group.objects.create(name="Uploaders")
    group.permissions.set(
        Group.objects.get(name="Build managers").permissions.exclude(codename="delete_simulatorbuild")
    )
    second.groups.set([group])
    refused = api_client(second).delete(f"/api/v1/builds/uploads/{build_id}")
    assert refused.status_code == 403
    assert "started this upload" in refused.json()["error"]["message"]
    assert SimulatorBuild.objects.filter(pk=build_id).exists()
    assert api_client(first).delete(f"/api/v1/builds/uploads/{build_id}").status_code == 204


def test_only_publishers_are_offered_publishing_in_the_edit_form(
    as_role, client, trainer, local_store, tmp_path
):
    build = imported(trainer, tmp_path)
    manager = as_role("Build managers")
    uploader = Group.objects.create(name="Uploaders")
    uploader.permissions.set(
        Group.objects.get(name="Build managers").permissions.exclude(codename="publish_simulatorbuild")
    )
    manager.groups.set([uploader])
    client.force_login(manager)
    url = f"/admin/simulator_builds/edit/{build.pk}/"
    html = client.get(url).content.decode()
    assert 'value="published"' not in html and 'value="withdrawn"' in html
    response = client.post(url, {"new_status": "published", "release_note": "", "is_public_demo": "on"})
    assert response.status_code == 200  # re-rendered with the error
    build.refresh_from_db()
    assert build.status == BuildStatus.DRAFT and not build.is_public_demo


def test_a_personal_link_records_who_issued_it(as_role, client, trainer, local_store, tmp_path):
    build = imported(trainer, tmp_path, publish=True)
    support = as_role("Support")
    client.force_login(support)
    response = client.post(
        "/admin/simulator_download_links/new/",
        {"build": build.pk, "issued_to": "ООО Ромашка", "note": "", "expires_at": "2099-01-01 10:00"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert PersonalDownloadLink.objects.get().created_by == support
    assert client.get("/admin/simulator_download_log/").status_code == 200
