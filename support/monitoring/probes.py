"""The probe registry: what the monitor checks, and a round of probes under a deadline.

A probe is a function ``probe(timeout) -> (status, detail)`` with status ``ok``, ``degraded`` or
``down``; raising counts as ``down``. The readiness checks of ``/readyz`` (the ``vt_readiness_checks``
hook: database, cache, search, outbox...) are probes as they are; the monitor replaces two of them with
deeper ones (object storage writes and reads a probe object, the task queue reports its lag) and adds
the probes that only make sense from outside a request: SMTP, the SMS gateway, the public site and
WebGL asset delivery over HTTP.
"""

import logging
import smtplib
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult
from wagtail import hooks

logger = logging.getLogger(__name__)

OK, DEGRADED, DOWN = "ok", "degraded", "down"
READINESS_HOOK = "vt_readiness_checks"

# Labels of the known components (public on the status page when ``PUBLIC`` has them). A component
# added by another app's readiness check shows its code until it is named here.
LABELS = {
    "database": _("Database"),
    "cache": _("Cache"),
    "storage": _("File storage"),
    "search": _("Search"),
    "tasks": _("Background tasks"),
    "outbox": _("Notification queue"),
    "smtp": _("E-mail delivery"),
    "sms": _("SMS delivery"),
    "site": _("Website"),
    "webgl": _("Trainer launch (WebGL)"),
}
# What the status page shows: what a user meets; the internals stay on /metrics and in the admin.
PUBLIC = ("site", "webgl", "storage", "search", "smtp", "sms")


def label_of(code):
    return LABELS.get(code, code)


@dataclass(frozen=True)
class Result:
    code: str
    status: str
    detail: str
    ms: float


# -- the monitor's own probes ---------------------------------------------------------------------


def probe_storage(timeout):
    """PUT, HEAD and DELETE of a small probe object in the public and the private store."""
    details = []
    for alias in ("default", "private"):
        storage = storages[alias]
        name = storage.save(f"monitor/probe-{uuid.uuid4().hex}.txt", ContentFile(b"vt monitor probe"))
        try:
            if not storage.exists(name):
                return DOWN, f"{alias}: the probe object written is not there"
        finally:
            storage.delete(name)
        details.append(f"{alias}={getattr(storage, 'bucket_name', None) or 'local'}")
    return OK, ", ".join(details)


def probe_tasks(timeout):
    """The task queue's lag: how long its oldest ready task has waited."""
    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db"):
        return OK, backend.rsplit(".", 1)[-1]
    oldest = (
        DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    )
    lag = (timezone.now() - oldest).total_seconds() if oldest else 0
    status = DEGRADED if lag > settings.MONITOR_QUEUE_LAG_SECONDS else OK
    return status, f"lag={lag:.0f}s"


def probe_smtp(timeout):
    """Connects to the SMTP server and says EHLO (and NOOP): reachable and answering, nothing sent."""
    with smtplib.SMTP(settings.EMAIL_HOST, settings.EMAIL_PORT, timeout=timeout) as server:
        code, _reply = server.noop()
    return (OK if code == 250 else DEGRADED), f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT} noop={code}"


def _http_status(url, timeout, method="GET"):
    """The HTTP status ``url`` answers (an error status is an answer too)."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": "vt-monitor"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) by settings
            response.read(65536)
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def probe_sms(timeout):
    """The HTTP SMS gateway answers at all (any status below 500): reachable, nothing sent."""
    status = _http_status(settings.SMS_GATEWAY_URL, timeout, method="HEAD")
    host = urllib.parse.urlsplit(settings.SMS_GATEWAY_URL).netloc
    return (OK if status < 500 else DOWN), f"{host} HTTP {status}"


def _http_probe(url, timeout):
    status = _http_status(url, timeout)
    return (OK if status < 400 else DOWN), f"HTTP {status}"


def probe_site(timeout):
    return _http_probe(settings.MONITOR_SITE_URL, timeout)


def probe_webgl(timeout):
    return _http_probe(settings.MONITOR_WEBGL_URL, timeout)


def registry():
    """``{code: probe}`` of this deployment: the readiness checks, the monitor's own probes, and those of
    the integrations that are switched on."""
    probes = {}
    for hook in hooks.get_hooks(READINESS_HOOK):
        name, check = hook()
        probes[name] = _ignoring_timeout(check)
    probes["storage"] = probe_storage
    probes["tasks"] = probe_tasks
    if settings.EMAIL_HOST:
        probes["smtp"] = probe_smtp
    if settings.SMS_BACKEND == "http" and settings.SMS_GATEWAY_URL:
        probes["sms"] = probe_sms
    if settings.MONITOR_SITE_URL:
        probes["site"] = probe_site
    if settings.MONITOR_WEBGL_URL:
        probes["webgl"] = probe_webgl
    return probes


def _ignoring_timeout(check):
    # Readiness checks carry their own timeouts (ELASTICSEARCH_HEALTH_TIMEOUT, Redis socket timeouts).
    return lambda timeout: check()


# -- a round ---------------------------------------------------------------------------------------


def run_round(probes, timeout=None, deadline=None):
    """Runs every probe in its own thread and returns a ``Result`` per probe once all have answered or
    the round's deadline has passed: a probe still running then is ``down`` ("timed out"). The
    threads are daemons, so a hung probe never holds the monitor's process either."""
    timeout = settings.MONITOR_PROBE_TIMEOUT if timeout is None else timeout
    deadline = settings.MONITOR_ROUND_DEADLINE if deadline is None else deadline
    results = {}

    def run(code, probe):
        started = time.perf_counter()
        try:
            status, detail = probe(timeout)
        except Exception as exc:  # a probe reports failures, it never raises them
            logger.warning("probe %s failed: %s", code, exc)
            status, detail = DOWN, f"{type(exc).__name__}: {exc}"
        finally:
            # Each thread has its own database connection; the round must not leak them.
            connections.close_all()
        results[code] = Result(
            code, status, str(detail)[:300], round((time.perf_counter() - started) * 1000, 1)
        )

    threads = {
        code: threading.Thread(target=run, args=(code, probe), daemon=True) for code, probe in probes.items()
    }
    started = time.monotonic()
    for thread in threads.values():
        thread.start()
    for thread in threads.values():
        thread.join(max(0.0, deadline - (time.monotonic() - started)))
    answered = dict(results)
    waited = round(deadline * 1000, 1)
    late = {
        code: Result(code, DOWN, f"timed out after {deadline}s", waited)
        for code in probes
        if code not in answered
    }
    return [answered.get(code) or late[code] for code in probes]
