import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_security_headers_on_public_pages(client, site_shell):
    response = client.get("/ru/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'self'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_admin_login_is_rate_limited(client, settings):
    settings.ADMIN_LOGIN_RATE = "3/m"
    statuses = [
        client.post("/admin/login/", {"username": "nobody", "password": "wrong"}).status_code
        for _ in range(5)
    ]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[-1] == 429
    response = client.post(
        "/admin/login/", {"username": "nobody", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Please try again in a minute." in response.content.decode()


def _production_check(env_overrides):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECRET_KEY", "DEBUG"))},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        **env_overrides,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


GOOD_PRODUCTION_ENV = {
    "SECRET_KEY": "q8V#r2w!Lm9zT4pX0cB7nH3jK6yF1sD5gA8eU2iO4lZ7vN9bQ3tW6xC0",
    "ALLOWED_HOSTS": "vt.example.ru",
    # Not contacted by the checks.
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "UPDATES_SIGNING_KEY": "5TcVmPz4Yq0sV0rT9yE3Xw8nBk2Lh6JcDf1Ga7Ru4Qo=",
}


def test_production_settings_pass_check_deploy():
    result = _production_check(GOOD_PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"DEBUG": "1"}, "DEBUG must be off"),
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must name"),
        ({"REDIS_URL": ""}, "REDIS_URL must point at the Redis cache shared by every worker"),
        ({"ELASTICSEARCH_REPLICAS": "-1"}, "ELASTICSEARCH_REPLICAS at least 0"),
    ],
)
def test_production_refuses_unsafe_configuration(overrides, message):
    result = _production_check({**GOOD_PRODUCTION_ENV, **overrides})
    assert result.returncode != 0
    assert message in result.stderr


def _cache_check_ids(settings, backend):
    from django.core import checks

    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": "redis://127.0.0.1:6379/0"}}
    settings.SILENCED_SYSTEM_CHECKS = []
    return {message.id for message in checks.run_checks(tags=[checks.Tags.caches])}


def test_the_system_check_refuses_rate_limit_counters_in_a_per_process_cache(settings):
    assert "django_ratelimit.E003" in _cache_check_ids(
        settings, "django.core.cache.backends.locmem.LocMemCache"
    )
    assert not _cache_check_ids(settings, "django_redis.cache.RedisCache")


def test_development_settings_pass_the_checks_with_the_local_memory_cache():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("q=a%00b", 400),  # in a value
        ("a%00b=1", 400),  # in a name
        ("q=a\x00b", 400),  # the byte itself
        ("q=%2500", 200),  # the text "%00" is not a NUL
    ],
)
def test_a_nul_anywhere_in_the_query_string_is_refused(client, query, status):
    response = client.generic("GET", f"/robots.txt?{query}")
    assert response.status_code == status
    if status == 400:
        assert b"NUL" in response.content
