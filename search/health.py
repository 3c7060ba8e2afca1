"""Readiness of the search backend for ``/readyz``."""

from django.conf import settings


def check_search():
    if not settings.ELASTICSEARCH_URL:
        return "ok", "database"
    from elasticsearch import Elasticsearch

    # A probe may wait longer than a user query: it reports reachability, not speed.
    client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=settings.ELASTICSEARCH_HEALTH_TIMEOUT)
    try:
        # Cluster health rather than ping: the integ-test distribution does not serve ``GET /``.
        health = client.cluster.health()
    except Exception:  # any transport or API error means the cluster cannot serve queries
        # Queries fall back to the database backend, so a dead cluster degrades search, not the site.
        return "degraded", "elasticsearch unreachable, database fallback"
    finally:
        client.close()
    return "ok", f"elasticsearch ({health['status']})"
