"""The readiness probe (``/readyz``); liveness (``/healthz``) is answered before Django, by
``core.liveness`` in the WSGI entry point.

Readiness runs one check per component, each registered through the ``vt_readiness_checks`` Wagtail
hook: a function returning ``(name, check)`` where ``check()`` returns ``(status, detail)`` with status
``ok``, ``degraded`` or ``down``. This app registers database, cache, storage and tasks
(``wagtail_hooks``), search adds "search", the outbox "outbox"; the monitor (``support.monitoring``)
probes the same checks every minute.
"""

import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import storages
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail import hooks

logger = logging.getLogger(__name__)

OK, DEGRADED, DOWN = "ok", "degraded", "down"
READINESS_HOOK = "vt_readiness_checks"


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return OK, connection.vendor


def check_cache():
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    if cache.get(key) != "1":
        return DOWN, "cache did not return what was stored"
    cache.delete(key)
    return OK, settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def check_storage():
    details = []
    for alias in ("default", "private"):
        storage = storages[alias]
        bucket = getattr(storage, "bucket_name", None)
        if bucket:
            storage.connection.meta.client.head_bucket(Bucket=bucket)
            details.append(f"{alias}=s3:{bucket}")
        else:
            details.append(f"{alias}=local")
    return OK, ", ".join(details)


def check_tasks():
    backend = settings.TASKS["default"]["BACKEND"]
    if backend.startswith("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        queued = DBTaskResult.objects.ready().count()
        return OK, f"database queue, {queued} ready"
    return OK, backend.rsplit(".", 1)[-1]


def run_checks():
    checks = {}
    for hook in hooks.get_hooks(READINESS_HOOK):
        name, check = hook()
        checks[name] = check
    results = {}
    for name, check in checks.items():
        started = time.perf_counter()
        try:
            status, detail = check()
        except Exception as exc:  # a probe reports failures, it never raises them
            logger.warning("readiness check %s failed: %s", name, exc)
            status, detail = DOWN, f"{type(exc).__name__}: {exc}"[:300]
        results[name] = {
            "status": status,
            "detail": detail,
            "ms": round((time.perf_counter() - started) * 1000, 1),
        }
    return results


@never_cache
@require_GET
def readyz(request):
    components = run_checks()
    required = set(settings.READYZ_REQUIRED)
    failing = sorted(name for name, c in components.items() if c["status"] == DOWN and name in required)
    if failing:
        overall = DOWN
    elif any(c["status"] != OK for c in components.values()):
        overall = DEGRADED
    else:
        overall = OK
    body = {"status": overall, "failing": failing, "components": components}
    return JsonResponse(body, status=503 if failing else 200)
