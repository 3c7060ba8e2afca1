"""``GET /metrics``: Prometheus text exposition for the allowed addresses or the bearer token.

django-prometheus counts requests (its middleware) and database queries (its database wrapper) in each
process; with ``PROMETHEUS_MULTIPROC_DIR`` set (gunicorn workers) they are read from there across
processes. The platform's own figures (probe results, task queue, outbox, cache) are read from the
database and Redis at scrape time, so any worker answers them alike.
"""

import datetime as dt
import hmac
import ipaddress
import logging
import os

from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseNotFound
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_redis import get_redis_connection
from django_tasks_db.models import DBTaskResult
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily

from core.net import client_ip
from support.monitoring import queries
from support.monitoring.probes import DEGRADED, OK
from support.notifications.models import ChannelHealth, OutboxMessage

logger = logging.getLogger(__name__)
PROBE_VALUES = {OK: 1.0, DEGRADED: 0.5}


class PlatformCollector:
    """Probe results, task queue and outbox gauges, and Redis's own cache counters."""

    def collect(self):
        failed = GaugeMetricFamily(
            "vt_scrape_section_failed",
            "1 when a section could not be read (database or Redis down).",
            labels=["section"],
        )
        for name, section in (
            ("probes", self._probes),
            ("queue", self._queue),
            ("outbox", self._outbox),
            ("cache", self._cache),
        ):
            # A dead database or Redis must not cost the scrape the request metrics it came for.
            try:
                metrics = list(section())
            except Exception as exc:
                logger.warning("metrics section %s failed: %s", name, exc)
                failed.add_metric([name], 1)
                continue
            failed.add_metric([name], 0)
            yield from metrics
        yield failed

    def _probes(self):
        up = GaugeMetricFamily("vt_probe_up", "Last probe: 1 ok, 0.5 degraded, 0 down.", labels=["component"])
        seconds = GaugeMetricFamily(
            "vt_probe_duration_seconds", "Duration of the last probe.", labels=["component"]
        )
        age = GaugeMetricFamily("vt_probe_age_seconds", "Age of the last probe.", labels=["component"])
        now = timezone.now()
        for code, sample in sorted(queries.latest_samples(now=now).items()):
            up.add_metric([code], PROBE_VALUES.get(sample.status, 0.0))
            seconds.add_metric([code], sample.ms / 1000)
            age.add_metric([code], (now - sample.probed_at).total_seconds())
        yield from (up, seconds, age)

    def _queue(self):
        ready = DBTaskResult.objects.ready()
        oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        yield GaugeMetricFamily("vt_task_queue_ready", "Tasks waiting for a worker.", value=ready.count())
        lag = (timezone.now() - oldest).total_seconds() if oldest else 0.0
        yield GaugeMetricFamily("vt_task_queue_lag_seconds", "Wait of the oldest ready task.", value=lag)

    def _outbox(self):
        hour_ago = timezone.now() - dt.timedelta(hours=1)
        figures = OutboxMessage.objects.aggregate(
            pending=Count("pk", filter=Q(status=OutboxMessage.Status.PENDING)),
            sent=Count("pk", filter=Q(status=OutboxMessage.Status.SENT, sent_at__gte=hour_ago)),
            failed=Count("pk", filter=Q(status=OutboxMessage.Status.FAILED, created_at__gte=hour_ago)),
        )
        yield GaugeMetricFamily(
            "vt_outbox_pending", "Outbox messages waiting for delivery.", value=figures["pending"]
        )
        done = figures["sent"] + figures["failed"]
        rate = figures["failed"] / done if done else 0.0
        yield GaugeMetricFamily(
            "vt_outbox_failure_ratio",
            "Share of the last hour's finished messages that failed for good.",
            value=rate,
        )
        streak = GaugeMetricFamily(
            "vt_outbox_consecutive_failures", "Failed delivery attempts in a row.", labels=["channel"]
        )
        for channel, failures in ChannelHealth.objects.values_list("channel", "consecutive_failures"):
            streak.add_metric([channel], failures)
        yield streak

    def _cache(self):
        if "django_redis" not in settings.CACHES["default"]["BACKEND"]:
            return
        stats = get_redis_connection("default").info("stats")
        for key in ("keyspace_hits", "keyspace_misses", "evicted_keys"):
            yield GaugeMetricFamily(
                f"vt_cache_{key}", f"Redis {key} since it started.", value=stats.get(key, 0)
            )


def allowed(request):
    """The client's address is in ``METRICS_ALLOWED_ADDRESSES``, or it presents ``METRICS_TOKEN``."""
    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and header.startswith("Bearer "):
        return hmac.compare_digest(header.removeprefix("Bearer ").encode(), token.encode())
    # A request forwarded by a proxy we do not count (TRUSTED_PROXY_COUNT=0) looks local but is not.
    if not settings.TRUSTED_PROXY_COUNT and "HTTP_X_FORWARDED_FOR" in request.META:
        return False
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(net, strict=False) for net in settings.METRICS_ALLOWED_ADDRESSES
    )


@never_cache
@require_GET
def metrics(request):
    if not allowed(request):
        # A wrong token is refused; anyone else is not told the endpoint exists
        if request.headers.get("Authorization"):
            return HttpResponseForbidden()
        # (an answer, not Http404: the language middleware would redirect that to /ru/metrics/).
        return HttpResponseNotFound()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        process_metrics = CollectorRegistry()
        multiprocess.MultiProcessCollector(process_metrics)
    else:
        process_metrics = REGISTRY
    platform = CollectorRegistry()
    platform.register(PlatformCollector())
    return HttpResponse(
        generate_latest(process_metrics) + generate_latest(platform), content_type=CONTENT_TYPE_LATEST
    )
