"""Readiness of the search backend for ``/readyz``."""

from django.conf import settings

from search import service
from search.backends import elastic_backend, elasticsearch_enabled


def check_search():
    if not elasticsearch_enabled():
        return "ok", "database"
    reason = service.degraded_reason()
    if reason:
        # A query failed recently and queries go to the database backend for a while: degraded, not down.
        return "degraded", f"elasticsearch unavailable, database fallback ({reason[:120]})"
    # A probe may wait longer than a user query: it reports reachability, not speed.
    status = elastic_backend().cluster_status(timeout=settings.ELASTICSEARCH_HEALTH_TIMEOUT)
    if status is None:
        return "degraded", "elasticsearch unreachable, database fallback"
    return "ok", f"elasticsearch ({status})"
