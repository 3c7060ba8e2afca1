"""Reconciliation: make the documents table match the pages and Elasticsearch match the table."""

from elasticsearch.helpers import scan

from core import languages
from search import documents
from search.backends import elastic_backend, elasticsearch_enabled
from search.backends.base import SearchUnavailable
from search.indexing import queue, sync_pages
from search.models import PendingIndexOperation, SearchDocument
from search.registry import entries


def reconcile():
    """Queue every difference; returns how many operations were queued (call ``flush_pending`` after)."""
    live_ids = set()
    for entry in entries():
        live_ids.update(
            entry.model.objects.live().public().exact_type(entry.model).values_list("pk", flat=True)
        )
    doc_ids = set(SearchDocument.objects.values_list("page_id", flat=True))
    # Pages missing from the table or no longer searchable: rewrite them (this also queues ES operations).
    differing = (live_ids - doc_ids) | (doc_ids - live_ids)
    if differing:
        sync_pages(differing)
    if not elasticsearch_enabled():
        return len(differing)
    backend = elastic_backend()
    queued = len(differing)
    for locale in languages.codes():
        wanted = set(SearchDocument.objects.filter(locale=locale).values_list("page_id", flat=True))
        try:
            backend.ensure_index(locale)
            present = {
                int(hit["_id"])
                for hit in scan(
                    backend.es.options(request_timeout=30),
                    index=documents.alias_name(locale),
                    query={"query": {"match_all": {}}},
                    _source=False,
                )
            }
        except Exception as error:
            raise SearchUnavailable(str(error)) from error
        queue([(pk, locale) for pk in wanted - present], PendingIndexOperation.INDEX)
        queue([(pk, locale) for pk in present - wanted], PendingIndexOperation.REMOVE)
        queued += len(wanted ^ present)
    return queued
