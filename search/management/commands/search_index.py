"""``manage.py search_index rebuild|status|sync``: maintain the search index.

- ``rebuild``: re-read every live, public searchable page into the documents table, then (with
  Elasticsearch) build a new versioned index per locale, bulk load it and swap the alias atomically.
- ``status``: pages in the database vs documents vs Elasticsearch, per locale and type; exits 1 on a
  mismatch.
- ``sync``: retry Elasticsearch operations kept after an outage, then re-queue whatever still differs
  (reconciliation by document ids), so the cluster ends up matching the database.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from search import service
from search.backends import elastic_backend, elasticsearch_enabled
from search.backends.base import SearchUnavailable
from search.indexing import flush_pending, rebuild_documents
from search.models import PendingIndexOperation
from search.reconcile import reconcile


class Command(BaseCommand):
    help = "Rebuild the search index, show its status, or sync Elasticsearch with the database."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status", "sync"])

    def handle(self, *args, action, **options):
        getattr(self, f"do_{action}")()

    def do_rebuild(self):
        started = time.perf_counter()
        counts = rebuild_documents()
        self.stdout.write(f"documents: {counts} ({time.perf_counter() - started:.1f} s)")
        if elasticsearch_enabled():
            try:
                es_counts = elastic_backend().rebuild()
            except Exception as error:
                raise CommandError(f"Elasticsearch rebuild failed: {error}") from error
            PendingIndexOperation.objects.all().delete()
            service.clear_degraded()
            self.stdout.write(f"elasticsearch: {es_counts} ({time.perf_counter() - started:.1f} s)")
        self.stdout.write(self.style.SUCCESS("rebuild done"))

    def do_status(self):
        status = service.status()
        mismatch = False
        locales = sorted({*status["pages"], *status["documents"], *(status.get("elasticsearch") or {})})
        header = f"{'locale':6} {'type':13} {'pages':>7} {'docs':>7}"
        if elasticsearch_enabled():
            header += f" {'es':>7}"
        self.stdout.write(header)
        for locale in locales:
            types = sorted(
                {
                    *status["pages"].get(locale, {}),
                    *status["documents"].get(locale, {}),
                    *(status.get("elasticsearch") or {}).get(locale, {}),
                }
            )
            for type_key in types:
                pages = status["pages"].get(locale, {}).get(type_key, 0)
                docs = status["documents"].get(locale, {}).get(type_key, 0)
                line = f"{locale:6} {type_key:13} {pages:7} {docs:7}"
                mismatch |= pages != docs
                if elasticsearch_enabled():
                    es = (status.get("elasticsearch") or {}).get(locale, {}).get(type_key, 0)
                    line += f" {es:7}"
                    mismatch |= es != docs
                self.stdout.write(line)
        if status.get("elasticsearch_error"):
            self.stdout.write(
                self.style.WARNING(f"elasticsearch unavailable: {status['elasticsearch_error']}")
            )
            mismatch = True
        if mismatch:
            raise CommandError("the index does not match the database")
        self.stdout.write(self.style.SUCCESS("in sync"))

    def do_sync(self):
        done, failed = flush_pending(refresh=True)
        self.stdout.write(f"flushed {done}, kept {failed}")
        if failed:
            raise CommandError("Elasticsearch is still unavailable; operations kept for the next run")
        try:
            queued = reconcile()
        except SearchUnavailable as error:
            raise CommandError(f"Elasticsearch unavailable: {error}") from error
        done, failed = flush_pending(refresh=True)
        self.stdout.write(f"reconciled {queued}, flushed {done}, kept {failed}")
        service.clear_degraded()
