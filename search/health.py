"""Readiness of the search backend for ``/readyz``."""

from search import service


def check_search():
    if not service.elasticsearch_enabled():
        return "ok", "database"
    reason = service.degraded_reason()
    if reason:
        # Queries fall back to the database backend, so a dead cluster degrades search; it is not down.
        return "degraded", f"elasticsearch unavailable, database fallback ({reason[:120]})"
    if service.elastic_backend().ping():
        return "ok", "elasticsearch"
    service.mark_degraded("ping failed")
    return "degraded", "elasticsearch unreachable, database fallback"
