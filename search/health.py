"""Readiness of the search backend for ``/readyz``."""

from django.conf import settings

from search import service


def check_search():
    if not service.elasticsearch_enabled():
        return "ok", "database"
    reason = service.degraded_reason()
    if reason:
        # A query failed recently and queries go to the database backend for a while: degraded, not down.
        return "degraded", f"elasticsearch unavailable, database fallback ({reason[:120]})"
    from elasticsearch import Elasticsearch

    # A probe may wait longer than a user query: it reports reachability, not speed.
    client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=settings.ELASTICSEARCH_HEALTH_TIMEOUT)
    try:
        # Cluster health rather than ping: the integ-test distribution does not serve ``GET /``.
        health = client.cluster.health()
    except Exception:  # any transport or API error means the cluster cannot serve queries
        return "degraded", "elasticsearch unreachable, database fallback"
    finally:
        client.close()
    return "ok", f"elasticsearch ({health['status']})"
