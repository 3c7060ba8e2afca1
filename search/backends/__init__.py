"""Search backends behind one interface (see ``base.SearchBackend``), and the switch between them.

The database backend always holds the index; Elasticsearch is used when ``ELASTICSEARCH_URL`` is set.
Indexing, reconciliation and the search facade all ask here, so none of them imports another for it.
"""

from django.conf import settings


def elasticsearch_enabled():
    return bool(settings.ELASTICSEARCH_URL)


def elastic_backend():
    # Local: the Elasticsearch client and elasticsearch-dsl take about 0.3 s to import, and only
    # processes with ELASTICSEARCH_URL set need them.
    from search.backends.elastic import ElasticsearchBackend

    return ElasticsearchBackend()
