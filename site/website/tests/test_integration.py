"""The site shell against the real services: readiness, storage and Apache in front of gunicorn."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_readyz_reports_every_real_component_ok(client):
    body = client.get("/readyz").json()
    components = body["components"]
    assert body["status"] == "ok", components
    assert components["database"]["detail"] == "postgresql"
    assert components["cache"]["detail"] == "RedisCache"
    assert "s3:vt-media" in components["storage"]["detail"]
    assert "s3:vt-private" in components["storage"]["detail"]
    assert components["search"]["detail"].startswith("elasticsearch")


@pytest.mark.django_db
def test_readyz_with_elasticsearch_stopped_names_search_and_pages_render(client, settings, site_shell):
    # A port nobody listens on is what a stopped Elasticsearch looks like to the client.
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["components"]["search"]["status"] == "degraded"
    assert client.get("/ru/").status_code == 200


@pytest.mark.django_db
def test_readyz_with_the_database_unreachable_is_503_naming_it(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionError("connection to server at 127.0.0.1 refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["database"]


@pytest.mark.django_db
def test_readyz_with_redis_unreachable_is_503_naming_the_cache_and_pages_render(
    client, settings, site_shell, redis_unreachable
):
    settings.PAGE_CACHE_ENABLED = True
    for path in ("/ru/", "/en/", "/api/v2/pages/"):
        assert client.get(path).status_code == 200, path
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]


@pytest.mark.django_db
def test_readyz_with_s3_unreachable_names_the_storage_and_pages_render(client, site_shell, s3_unreachable):
    response = client.get("/readyz")
    # Storage is not required for readiness (READYZ_REQUIRED): pages and the API serve without it.
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["components"]["storage"]["status"] == "down"
    assert client.get("/ru/").status_code == 200


def test_media_storage_round_trip_on_s3():
    storage = storages["default"]
    name = storage.save(f"tests/{uuid.uuid4().hex}.txt", ContentFile(b"vt-platform"))
    try:
        with storage.open(name) as handle:
            assert handle.read() == b"vt-platform"
        # Private bucket: the URL is presigned and works; the bare object URL does not.
        private = storages["private"]
        private_name = private.save(f"tests/{uuid.uuid4().hex}.txt", ContentFile(b"secret"))
        signed = private.url(private_name)
        assert "X-Amz-Signature=" in signed
        with urllib.request.urlopen(signed, timeout=5) as response:
            assert response.read() == b"secret"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(signed.split("?")[0], timeout=5)
        assert refused.value.code == 403
        private.delete(private_name)
    finally:
        storage.delete(name)


def test_media_urls_are_presigned_reused_and_work_on_s3():
    storage = storages["default"]
    name = storage.save(f"tests/{uuid.uuid4().hex}.txt", ContentFile(b"hero image"))
    try:
        signed = storage.url(name)
        assert "X-Amz-Signature=" in signed and "X-Amz-Expires=3600" in signed
        time.sleep(1.1)  # a fresh signature would carry another X-Amz-Date
        assert storage.url(name) == signed
        with urllib.request.urlopen(signed, timeout=5) as response:
            assert response.read() == b"hero image"
        # The media bucket is private too: only the signed URL opens the object.
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(signed.split("?")[0], timeout=5)
        assert refused.value.code == 403
    finally:
        storage.delete(name)


def _wait_for(url, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            # The first request makes the worker import the whole project: give it time.
            with urllib.request.urlopen(url, timeout=15) as response:
                return response
        except OSError:  # refused while binding, or a timeout: try again until the deadline
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {timeout} s")


@pytest.fixture
def gunicorn_behind_apache(transactional_db, site_shell, settings):
    """gunicorn on the port Apache proxies to, serving the test database."""
    port = int(os.environ.get("VT_APACHE_BACKEND_PORT", "18000"))
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0, f"port {port} is taken"
    call_command("collectstatic", "--noinput", "-v0")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "PYTHONPATH": f"{ROOT / 'site'}:{ROOT}",
    }
    command = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--pythonpath", "site"]
    server = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}", "--workers", "1", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/healthz")
        yield os.environ.get("VT_APACHE_URL", "http://127.0.0.1:18080")
    finally:
        server.terminate()
        server.wait(timeout=30)


def _database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def test_apache_serves_a_page_and_a_static_file(gunicorn_behind_apache):
    apache = gunicorn_behind_apache
    with urllib.request.urlopen(f"{apache}/ru/lifecycle/", timeout=10) as response:
        html = response.read().decode()
        assert response.status == 200
        assert "Поддержание жизненного цикла" in html
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    with urllib.request.urlopen(f"{apache}/static/website/css/site.css", timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/css")
        assert b"--color-primary" in response.read()


def test_apache_shows_the_maintenance_page_when_the_backend_is_down():
    apache = os.environ.get("VT_APACHE_URL", "http://127.0.0.1:18080")
    with pytest.raises(urllib.error.HTTPError) as failure:
        urllib.request.urlopen(f"{apache}/ru/", timeout=10)
    assert failure.value.code == 503
    body = failure.value.read().decode()
    assert "Технические работы" in body or "техническ" in body.lower()
