"""The liveness probe answers ``/healthz`` at the WSGI entry point, before Django."""

import io
import sys

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils.cache import add_never_cache_headers

from core.liveness import LivenessProbe


def _environ(path, method="GET", query=""):
    return {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def _call(app, environ):
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    body = app(environ, start_response)
    try:
        answer["body"] = b"".join(body)
    finally:
        getattr(body, "close", lambda: None)()
    return answer


def _refuse(environ, start_response):
    raise AssertionError(f"{environ['PATH_INFO']} reached the application")


def test_healthz_is_answered_without_the_application():
    answer = _call(LivenessProbe(_refuse), _environ("/healthz", query="verbose=1"))
    assert answer["status"] == "200 OK"
    assert answer["body"] == b"ok"
    assert answer["headers"]["Content-Length"] == "2"
    assert answer["headers"]["X-Content-Type-Options"] == "nosniff"
    # The caching rule Django's never_cache writes, so no proxy keeps a probe's answer.
    expected = HttpResponse()
    add_never_cache_headers(expected)
    assert answer["headers"]["Cache-Control"] == expected["Cache-Control"]


def test_head_has_no_body_and_other_methods_are_refused():
    probe = LivenessProbe(_refuse)
    assert _call(probe, _environ("/healthz", "HEAD"))["body"] == b""
    refused = _call(probe, _environ("/healthz", "POST"))
    assert refused["status"] == "405 Method Not Allowed"
    assert refused["headers"]["Allow"] == "GET, HEAD"


@pytest.mark.django_db
def test_the_site_entry_point_answers_the_probe_and_hands_on_everything_else():
    from config.wsgi import application

    with CaptureQueriesContext(connection) as queries:
        probe = _call(application, _environ("/healthz"))
    assert (probe["status"], probe["body"]) == ("200 OK", b"ok")
    assert len(queries) == 0
    # Anything else is the site's: Django answers it, with the site's security headers.
    robots = _call(application, _environ("/robots.txt"))
    assert robots["status"] == "200 OK"
    assert "Content-Security-Policy" in robots["headers"]
    assert _call(application, _environ("/healthz/"))["status"] != "200 OK"
