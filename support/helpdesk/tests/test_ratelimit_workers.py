"""The fault-report limit holds across gunicorn workers: counters live in the shared Redis.

gunicorn runs the test settings with 2 workers against the real Redis and the PostgreSQL test
database; 30 quick reports from one address must be accepted exactly up to the limit.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection
from django_ratelimit.core import _get_window

from support.helpdesk.models import FaultReport

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[3]
LIMIT = 10
REPORTS = 30


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=15) as response:
            return response.status
    except OSError:  # refused while the workers boot
        return None


def _pids(access_log, method):
    lines = access_log.read_text().splitlines()
    return {line.split()[0] for line in lines if line.split()[1:2] == [method]}


@pytest.fixture
def gunicorn_two_workers(transactional_db, tmp_path):
    """gunicorn with 2 workers on a free loopback port, serving the committed rows of the test database;
    yields ``(base URL, access log)``. Both workers have answered before the test starts."""
    db = connection.settings_dict
    port = _free_port()
    access_log = tmp_path / "access.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        # A prefix of its own: counters of earlier runs (and other checkouts) do not count here.
        "CACHE_KEY_PREFIX": f"{os.environ.get('CACHE_KEY_PREFIX', 'vt')}_{uuid.uuid4().hex[:8]}",
        "SUPPORT_RATE_PER_IP": f"{LIMIT}/h",
        "PYTHONPATH": f"{ROOT / 'site'}:{ROOT}",
    }
    command = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--pythonpath", "site"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"]
    command += ["--access-logfile", str(access_log), "--access-logformat", "%(p)s %(m)s %(U)s %(s)s"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            with ThreadPoolExecutor(8) as pool:
                list(pool.map(_get, [f"{base}/healthz"] * 8))
            if access_log.exists() and len(_pids(access_log, "GET")) == 2:
                break
            time.sleep(0.3)
        else:
            raise AssertionError("both gunicorn workers did not answer within 60 s")
        yield base, access_log
    finally:
        server.terminate()
        server.wait(timeout=30)


def _report(base, number):
    body = {
        "full_name": "Ivanov Ivan",
        "uin": "UIN-777",
        # A number each: the per-phone limit stays out of the way.
        "phone": f"+7916123{number:04d}",
        "description": "The trainer freezes on level 2",
        "consent": True,
        "language": "en",
    }
    request = urllib.request.Request(
        f"{base}/api/v1/support/fault-reports",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Accept-Language": "en"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, json.load(response)
    except urllib.error.HTTPError as refused:
        return refused.code, refused.headers, json.load(refused)


def test_the_report_limit_holds_across_two_workers(gunicorn_two_workers):
    base, access_log = gunicorn_two_workers
    # The limit counts in fixed hourly windows; a burst that straddles the end of one would be
    # counted in two. Wait for a window that has room for the burst.
    while _get_window("127.0.0.1", 3600) - time.time() < 30:
        time.sleep(1)
    with ThreadPoolExecutor(10) as pool:
        answers = list(pool.map(lambda number: _report(base, number), range(REPORTS)))
    statuses = [status for status, _headers, _body in answers]
    assert statuses.count(201) == LIMIT, statuses
    assert statuses.count(429) == REPORTS - LIMIT, statuses
    for status, headers, body in answers:
        if status == 429:
            assert 1 <= int(headers["Retry-After"]) <= 3600
            assert body["error"]["message"] == "Too many requests. Please try again in an hour."
    assert FaultReport.objects.count() == LIMIT
    # Both workers took part in the burst.
    assert len(_pids(access_log, "POST")) == 2
