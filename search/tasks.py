"""Background index updates (django-tasks)."""

from django_tasks import task

from search.indexing import flush_pending, sync_pages


@task()
def index_pages(page_ids: list[int]) -> dict:
    """Re-read the given pages into the documents table, then push queued changes to Elasticsearch."""
    indexed, removed = sync_pages(page_ids)
    done, failed = flush_pending()
    return {"indexed": indexed, "removed": removed, "flushed": done, "kept": failed}


@task()
def flush_index_queue() -> dict:
    """Retry Elasticsearch operations kept after an outage."""
    done, failed = flush_pending()
    return {"flushed": done, "kept": failed}
