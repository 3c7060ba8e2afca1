"""Readiness of the search backend for ``/readyz``."""

from django.conf import settings


def check_search():
    if not settings.ELASTICSEARCH_URL:
        return "ok", "database"
    from elasticsearch import Elasticsearch

    client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=settings.ELASTICSEARCH_TIMEOUT)
    try:
        if client.ping():
            return "ok", "elasticsearch"
    finally:
        client.close()
    # Queries fall back to the database backend, so a dead cluster degrades search; it is not down.
    return "degraded", "elasticsearch unreachable, database fallback"
