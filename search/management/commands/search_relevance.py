"""``manage.py search_relevance``: recall in the top 5 and MRR of the demo relevance set.

Runs the queries of ``search/relevance/demo.yaml`` over the loaded demo content on one backend (by
default Elasticsearch when ``ELASTICSEARCH_URL`` is set, else the database), without the fallback
that would hide a slow or missing Elasticsearch, and lists the queries that missed a title with
``--misses``.
"""

from django.core.management.base import BaseCommand

from search import relevance
from search.backends import elastic_backend, elasticsearch_enabled
from search.backends.database import DatabaseBackend


class Command(BaseCommand):
    help = "Measure recall@5 and MRR of the demo relevance set on a search backend."

    def add_arguments(self, parser):
        parser.add_argument("--backend", choices=["database", "elasticsearch"])
        parser.add_argument("--misses", action="store_true", help="list the queries that missed a title")

    def handle(self, *args, backend=None, misses=False, **options):
        if backend is None:
            backend = "elasticsearch" if elasticsearch_enabled() else "database"
        engine = elastic_backend() if backend == "elasticsearch" else DatabaseBackend()
        rows = relevance.evaluate(relevance.backend_titles(engine))
        for name, figures in relevance.summary(rows).items():
            self.stdout.write(
                f"{backend:14} {name:4} queries={figures['queries']:3} "
                f"recall@5={figures['recall']:.3f} mrr={figures['mrr']:.3f}"
            )
        if misses:
            for row in rows:
                if row["missing"]:
                    self.stdout.write(
                        f"  {row['locale']} {row['q']!r}: missing {row['missing']} in {row['top']}"
                    )
