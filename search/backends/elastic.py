"""The Elasticsearch 8 backend (elasticsearch-dsl), one index per locale behind an alias."""

import logging
import threading

from django.conf import settings
from django.utils.html import escape
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.helpers import BulkIndexError, bulk
from elasticsearch_dsl import Q, Search

from core import languages
from search import documents
from search.backends.base import (
    FACET_SIZE,
    SUGGEST_SIZE,
    Hit,
    Results,
    SearchBackend,
    SearchUnavailable,
    Suggestion,
)
from search.models import FACET_KINDS, TYPE_KEYS, SearchDocument
from search.morphology import is_exact, variants
from search.text import fold, terms

logger = logging.getLogger(__name__)
BULK_TIMEOUT = 60
_clients = {}
_lock = threading.Lock()

UNAVAILABLE = (TransportError, ApiError, BulkIndexError, OSError)

# Typo tolerance: words of 4 letters or more match with one edit (a transposition counts as one).
# Two-edit automata for long Cyrillic words cost several times the whole search (41 ms of rewrite for
# "электробезопасность" against 4 ms at one edit, 12,000 documents), so two edits (words of 8 letters
# or more) are only tried when one edit finds nothing.
ONE_TYPO = "AUTO:4,64"
TWO_TYPOS = "AUTO:4,8"


def client():
    """A process-wide client for the configured URL with the short request timeout (no retries)."""
    key = (settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT)
    with _lock:
        if key not in _clients:
            _clients[key] = Elasticsearch(
                settings.ELASTICSEARCH_URL,
                request_timeout=settings.ELASTICSEARCH_TIMEOUT,
                max_retries=0,
                retry_on_timeout=False,
            )
        return _clients[key]


def source_of(document):
    """``SearchDocument`` -> Elasticsearch ``_source``: folded (not lower-cased) text for display."""
    source = document.as_source()
    source.update(
        title=fold(document.title),
        summary=fold(document.summary),
        # The facet names are in ``tags`` already; in the body they would make the highlighted passage.
        body=fold(document.readable_body()),
        tags=fold(source["tags"]),
    )
    return source


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(self, es=None):
        self._es = es

    @property
    def es(self):
        return self._es or client()

    # Index maintenance

    def ensure_index(self, locale):
        """Create the first versioned index and its alias when the alias does not exist yet."""
        alias = documents.alias_name(locale)
        if self.es.indices.exists_alias(name=alias):
            return alias
        index = documents.build_index(locale)
        index.aliases(**{alias: {}})
        index.create(using=self.es.options(request_timeout=BULK_TIMEOUT))
        return alias

    def index(self, docs, refresh=False):
        docs = list(docs)
        if not docs:
            return 0
        try:
            for locale in {d.locale for d in docs}:
                self.ensure_index(locale)
            actions = (
                {
                    "_op_type": "index",
                    "_index": documents.alias_name(d.locale),
                    "_id": d.page_id,
                    "_source": source_of(d),
                }
                for d in docs
            )
            done, _errors = bulk(self.es.options(request_timeout=BULK_TIMEOUT), actions, refresh=refresh)
        except UNAVAILABLE as error:
            raise SearchUnavailable(str(error)) from error
        return done

    def remove(self, keys, refresh=False):
        keys = list(keys)
        if not keys:
            return 0
        actions = [
            {"_op_type": "delete", "_index": documents.alias_name(locale), "_id": page_id}
            for page_id, locale in keys
        ]
        try:
            _done, errors = bulk(
                self.es.options(request_timeout=BULK_TIMEOUT),
                actions,
                raise_on_error=False,
                refresh=refresh,
            )
        except UNAVAILABLE as error:
            raise SearchUnavailable(str(error)) from error
        # A document or index that is already gone is what we wanted.
        failures = [e for e in errors if e.get("delete", {}).get("status") != 404]
        if failures:
            raise SearchUnavailable(f"{len(failures)} deletes failed: {failures[0]}")
        return len(keys)

    def rebuild(self, locales=None):
        """New versioned index per locale, bulk load from the documents table, atomic alias swap."""
        locales = locales or languages.codes()
        counts = {}
        es = self.es.options(request_timeout=BULK_TIMEOUT)
        for locale in locales:
            alias = documents.alias_name(locale)
            index = documents.build_index(locale)
            index.create(using=es)
            queryset = SearchDocument.objects.filter(locale=locale).order_by("pk")
            actions = (
                {"_index": index._name, "_id": d.page_id, "_source": source_of(d)}
                for d in queryset.iterator(chunk_size=1000)
            )
            done, _ = bulk(es, actions, chunk_size=1000)
            es.indices.refresh(index=index._name)
            old = list(es.indices.get_alias(name=alias).keys()) if es.indices.exists_alias(name=alias) else []
            if es.indices.exists(index=alias) and not old:
                es.indices.delete(index=alias)  # a plain index squatting on the alias name
            swap = [{"remove": {"index": name, "alias": alias}} for name in old]
            swap.append({"add": {"index": index._name, "alias": alias}})
            es.indices.update_aliases(actions=swap)
            for name in old:
                es.indices.delete(index=name, ignore_unavailable=True)
            counts[locale] = done
        return counts

    def drop(self, locales=None):
        """Delete every index behind the aliases (tests and resets)."""
        locales = locales or languages.codes()
        for locale in locales:
            alias = documents.alias_name(locale)
            if self.es.indices.exists_alias(name=alias):
                for name in self.es.indices.get_alias(name=alias):
                    self.es.indices.delete(index=name, ignore_unavailable=True)

    def status(self):
        counts = {}
        try:
            for locale in languages.codes():
                alias = documents.alias_name(locale)
                search = Search(using=self.es, index=alias).extra(size=0, track_total_hits=True)
                search.aggs.bucket("types", "terms", field="type", size=len(TYPE_KEYS) + 5)
                try:
                    response = search.execute()
                except NotFoundError:
                    continue
                counts[locale] = {b.key: b.doc_count for b in response.aggregations.types.buckets}
        except UNAVAILABLE as error:
            raise SearchUnavailable(str(error)) from error
        return counts

    # Queries

    @staticmethod
    def _highlight_query(alternatives, fuzziness):
        """What to mark: exact words anywhere, typos only in titles.

        Highlighting re-runs its query over each hit's text, and fuzzy automata over bodies made it cost
        most of the search (about 1 s for a common phrase at 12,000 documents against 35 ms without).
        """
        should = []
        typo_field = documents.typo_title_field()
        for alternative in alternatives:
            text = fold(alternative)
            should += [
                Q("multi_match", query=text, fields=["title", "summary", "body"]),
                Q("match", **{typo_field: {"query": text, "fuzziness": fuzziness, "prefix_length": 1}}),
                *_word_forms(alternative, ["title", "summary", "body"]),
            ]
        return Q("bool", should=should)

    @staticmethod
    def _text_query(alternatives, fuzziness):
        should = []
        fields = ["title^4", "tags^2", "summary^2", "body"]
        if documents.typo_title_field() != "title":
            fields.append(f"{documents.typo_title_field()}^4")
        for alternative in alternatives:
            text = fold(alternative)
            should += [
                Q(
                    "multi_match",
                    query=text,
                    fields=fields,
                    fuzziness=fuzziness,
                    prefix_length=1,
                    operator="and",
                ),
                Q("multi_match", query=text, type="phrase", fields=["title^6", "summary^2"], boost=2),
                Q("multi_match", query=text, type="bool_prefix", fields=["title^2", "summary"]),
                # Below the exact words: a form of the word is a weaker sign than the word itself.
                *_word_forms(alternative, ["title^2", "tags", "summary", "body"], boost=0.5),
            ]
        return Q("bool", should=should, minimum_should_match=1)

    @staticmethod
    def _filters(sq, skip=None):
        clauses = []
        if sq.type and skip != "type":
            clauses.append(Q("term", type=sq.type))
        for kind, value in sq.filters.items():
            if value and kind != skip:
                clauses.append(Q("term", **{kind: value}))
        return clauses

    def query(self, sq):
        try:
            response = self._search(sq, ONE_TYPO).execute()
            if not response.hits.total.value:
                response = self._search(sq, TWO_TYPOS).execute()
        except UNAVAILABLE as error:
            raise SearchUnavailable(str(error)) from error
        return self._results(sq, response)

    def _search(self, sq, fuzziness):
        alternatives = sq.alternatives or [sq.text]
        start = (sq.page - 1) * sq.page_size
        search = (
            Search(using=self.es, index=documents.alias_name(sq.locale))
            .query(self._text_query(alternatives, fuzziness))
            .extra(from_=start, size=sq.page_size, track_total_hits=True)
            .source(["page_id", "type", "display_title", "display_summary", "url"])
            .highlight_options(
                encoder="html",
                pre_tags=["<mark>"],
                post_tags=["</mark>"],
                require_field_match=False,
                highlight_query=self._highlight_query(alternatives, fuzziness).to_dict(),
            )
            .highlight("title", number_of_fragments=0)
            .highlight("summary", fragment_size=240, number_of_fragments=1)
            .highlight("body", fragment_size=240, number_of_fragments=1)
        )
        post = self._filters(sq)
        if documents.typo_title_field() != "title":
            # A typo matched on the unstemmed words marks them there; the title itself has stems.
            search = search.highlight(documents.typo_title_field(), number_of_fragments=0)
        if post:
            search = search.post_filter(Q("bool", filter=post))
        type_filter = Q("bool", filter=self._filters(sq, skip="type"))
        search.aggs.bucket("types", "filter", type_filter).bucket(
            "by", "terms", field="type", size=len(TYPE_KEYS) + 5
        )
        for kind in FACET_KINDS:
            search.aggs.bucket(kind, "filter", Q("bool", filter=self._filters(sq, skip=kind))).bucket(
                "by", "terms", field=kind, size=FACET_SIZE
            )
        return search

    def _results(self, sq, response):
        hits = []
        for hit in response.hits:
            highlight = getattr(hit.meta, "highlight", None)
            title_html = (
                _first(highlight, "title")
                or _first(highlight, documents.typo_title_field())
                or _escape(hit.display_title)
            )
            snippet = (
                _first(highlight, "summary")
                or _first(highlight, "body")
                or _escape((getattr(hit, "display_summary", "") or "")[:240])
            )
            hits.append(
                Hit(
                    page_id=hit.page_id,
                    type=hit.type,
                    title=hit.display_title,
                    title_html=title_html,
                    snippet_html=snippet,
                    url=hit.url,
                    score=hit.meta.score or 0.0,
                )
            )
        aggs = response.aggregations
        type_counts = dict.fromkeys(TYPE_KEYS, 0)
        type_counts.update({b.key: b.doc_count for b in aggs.types.by.buckets})
        facets = {kind: [(b.key, b.doc_count) for b in aggs[kind].by.buckets] for kind in FACET_KINDS}
        return Results(
            hits=hits,
            total=response.hits.total.value,
            type_counts=type_counts,
            facets=facets,
            page=sq.page,
            page_size=sq.page_size,
            backend=self.name,
        )

    def suggest(self, text, locale, size=SUGGEST_SIZE):
        text = fold(text)
        if documents.profile() == "full":
            query = Q("match", **{"title.ac": {"query": text, "operator": "and"}})
        else:
            query = Q("multi_match", query=text, type="bool_prefix", fields=["title"], operator="and")
        search = (
            Search(using=self.es, index=documents.alias_name(locale))
            .query(query)
            .source(["display_title", "url", "type"])
            .extra(size=size)
        )
        try:
            response = search.execute()
        except UNAVAILABLE as error:
            raise SearchUnavailable(str(error)) from error
        return [Suggestion(title=h.display_title, url=h.url, type=h.type) for h in response.hits]

    def cluster_status(self, timeout=None):
        """The cluster's health colour, or ``None`` when it cannot be reached within ``timeout`` seconds."""
        es = self.es.options(request_timeout=timeout) if timeout else self.es
        # Cluster health rather than ``ping()``: the integ-test distribution answers HEAD / with 405.
        try:
            return es.cluster.health()["status"]
        except UNAVAILABLE:
            return None


def _word_forms(alternative, fields, boost=1.0):
    """Every word of ``alternative`` by any of its variants (``search.morphology``), as one clause.

    What lets «сварка» find «сварных швов» whatever the index's analyzers: prefix queries need no
    stemmer, so the ``core`` profile gets the same morphology as ``full``. Short words stay with
    the main query, whose analyzer drops the stop words among them."""
    words = [word for word in terms(alternative) if len(word) >= 3]
    if not words:
        return []
    return [
        Q(
            "bool",
            must=[
                Q(
                    "bool",
                    should=[
                        Q("multi_match", query=variant, fields=fields)
                        if is_exact(word)
                        else Q("multi_match", query=variant, type="phrase_prefix", fields=fields)
                        for variant in variants(word)
                    ],
                )
                for word in words
            ],
            boost=boost,
        )
    ]


def _first(highlight, field):
    if highlight is None or field not in highlight:
        return ""
    return highlight[field][0]


def _escape(text):
    return escape(text or "")
