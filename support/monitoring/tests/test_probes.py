"""A round of probes: deadlines, failures, the registry of this deployment, the storage probe."""

import threading

import pytest
from django.core.files.storage import storages

from support.monitoring import probes


def test_a_hung_probe_is_recorded_down_and_the_round_still_ends():
    never = threading.Event()

    def hung(timeout):
        never.wait()  # a probe that ignores its timeout

    results = probes.run_round(
        {"fast": lambda timeout: ("ok", "fine"), "hung": hung}, timeout=1, deadline=0.2
    )

    assert [(r.code, r.status) for r in results] == [("fast", "ok"), ("hung", "down")]
    assert results[1].detail == "timed out after 0.2s"


def test_a_raising_probe_is_down_with_the_error():
    def broken(timeout):
        raise ConnectionRefusedError("nobody listens")

    [result] = probes.run_round({"broken": broken}, timeout=1, deadline=5)

    assert result.status == "down"
    assert result.detail == "ConnectionRefusedError: nobody listens"


def test_each_probe_gets_the_timeout():
    seen = {}
    probes.run_round(
        {"p": lambda timeout: seen.setdefault("timeout", timeout) and ("ok", "")}, timeout=3, deadline=5
    )
    assert seen == {"timeout": 3}


def test_the_registry_reuses_readiness_checks_and_adds_what_is_switched_on(settings):
    settings.EMAIL_HOST = ""
    settings.MONITOR_SITE_URL = ""
    settings.MONITOR_WEBGL_URL = ""
    settings.SMS_BACKEND = "console"
    codes = set(probes.registry())
    assert codes == {"database", "cache", "storage", "search", "tasks", "outbox"}
    assert probes.registry()["storage"] is probes.probe_storage

    settings.EMAIL_HOST = "127.0.0.1"
    settings.MONITOR_SITE_URL = "http://127.0.0.1:8000/"
    settings.MONITOR_WEBGL_URL = "http://127.0.0.1:8000/webgl/Build/loader.js"
    settings.SMS_BACKEND = "http"
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/send"
    assert {"smtp", "site", "webgl", "sms"} <= set(probes.registry())


def test_the_smtp_probe_fails_on_a_closed_port(settings):
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard: nothing listens there on a test machine
    [result] = probes.run_round({"smtp": probes.probe_smtp}, timeout=2, deadline=5)
    assert result.status == "down"


@pytest.mark.django_db
def test_the_storage_probe_writes_reads_and_removes_its_object():
    status, detail = probes.probe_storage(timeout=2)

    assert (status, detail) == ("ok", "default=local, private=local")
    for alias in ("default", "private"):
        _dirs, files = storages[alias].listdir("monitor")
        assert files == []


@pytest.fixture
def http_server():
    """A local HTTP server answering each path with the status it names (``/status/503``)."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def _answer(self):
            self.send_response(int(self.path.rsplit("/", 1)[-1]))
            self.end_headers()

        do_GET = do_HEAD = _answer

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_the_sms_gateway_is_reachable_when_it_answers_below_500(settings, http_server):
    settings.SMS_GATEWAY_URL = f"{http_server}/status/405"  # a POST-only gateway refuses HEAD: still up
    assert probes.probe_sms(timeout=2)[0] == "ok"
    settings.SMS_GATEWAY_URL = f"{http_server}/status/502"
    assert probes.probe_sms(timeout=2) == ("down", f"{http_server.removeprefix('http://')} HTTP 502")


def test_the_site_and_webgl_probes_need_a_success(settings, http_server):
    settings.MONITOR_SITE_URL = f"{http_server}/status/200"
    settings.MONITOR_WEBGL_URL = f"{http_server}/status/404"
    assert probes.probe_site(timeout=2) == ("ok", "HTTP 200")
    assert probes.probe_webgl(timeout=2) == ("down", "HTTP 404")
