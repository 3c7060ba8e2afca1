"""The database backend: our own ``SearchDocument`` table.

PostgreSQL: full-text search with the text-search configuration of each locale ('russian' for ru,
'english' for en) over weighted title/summary/body, stored as a generated column with partial GIN
indexes per locale (see the migrations); this is what Wagtail's database backend cannot do (it keeps
one configuration for all languages). SQLite (development): substring matching of lightly stemmed
terms. Both: ё/е folded in code, facet counts without a bucket limit, highlighted snippets, typo
correction against the title vocabulary.
"""

import difflib
import json
import re
from functools import partial, reduce
from operator import or_

from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, Value, When

from core.cache import cached
from search.backends.base import FACET_SIZE, SUGGEST_SIZE, Hit, Results, SearchBackend, Suggestion
from search.indexing import rebuild_documents
from search.models import FACET_KINDS, TYPE_KEYS, SearchDocument, SearchFacet
from search.morphology import is_exact, variants
from search.snippets import highlight
from search.text import terms

TS_CONFIGS = {"ru": "russian", "en": "english"}
VOCABULARY_CACHE_SECONDS = 300
SNIPPET_CHARS = 240


def ts_config(locale):
    return TS_CONFIGS.get(locale, "simple")


def tsquery_text(alternatives):
    """``((a:* | a2:*) & b:*) | (c:* & d:*)``: every word of an alternative, each by any of its variants.

    Terms hold only word characters and dots, so nothing else can reach the query syntax."""
    groups = []
    for alternative in alternatives:
        words = terms(alternative)
        parts = [
            word if is_exact(word) else "(" + " | ".join(f"{v}:*" for v in variants(word)) + ")"
            for word in words
        ]
        if parts:
            groups.append("(" + " & ".join(parts) + ")")
    return " | ".join(groups)


def _title_vocabulary(locale):
    """The words of the locale's titles and facet values (3 letters or more, not numbers), sorted."""
    words = set()
    for title, facets in SearchDocument.objects.filter(locale=locale).values_list("search_title", "facets"):
        words.update(terms(title))
        for values in (facets or {}).values():
            for value in values:
                words.update(terms(value))
    return sorted(w for w in words if len(w) >= 3 and not w.isdigit())


PAGE_FIELDS = ("id", "page_id", "type", "title", "summary", "body", "facets", "url")


class DatabaseBackend(SearchBackend):
    name = "database"

    @property
    def is_postgres(self):
        return connection.vendor == "postgresql"

    # Index maintenance: the SearchDocument table is this backend's index. search.indexing writes it
    # (rows are searchable at once) and starts a new content generation for what was computed from
    # the old rows, so there is nothing left to do here.

    def index(self, documents, refresh=False):
        pass

    def remove(self, keys, refresh=False):
        pass

    def rebuild(self):
        return rebuild_documents()

    def status(self):
        counts = {}
        for row in SearchDocument.objects.values("locale", "type").annotate(n=Count("id")):
            counts.setdefault(row["locale"], {})[row["type"]] = row["n"]
        return counts

    # Queries

    def _matching(self, locale, alternatives):
        docs = SearchDocument.objects.filter(locale=locale)
        if self.is_postgres:
            tsq = tsquery_text(alternatives)
            if not tsq:
                return docs.none()
            config = ts_config(locale)
            # search_vector: the stored weighted vector (migration 0003), GIN-indexed per locale.
            # ts_rank, not ts_rank_cd: both weigh title > summary > body, and the cover-density
            # variant cost about 4 ms per 1,000 matched rows with prefix terms.
            return docs.extra(
                select={"rank": "ts_rank(search_vector, to_tsquery(%s::regconfig, %s))"},
                select_params=[config, tsq],
                where=["search_vector @@ to_tsquery(%s::regconfig, %s)"],
                params=[config, tsq],
            )
        per_alternative = [words for words in (terms(a) for a in alternatives) if words]
        if not per_alternative:
            return docs.none()

        def all_words(words, fields):
            return reduce(lambda a, b: a & b, [reduce(or_, [_word_q(f, w) for f in fields]) for w in words])

        everywhere = ("search_title", "search_summary", "search_body")
        docs = docs.filter(reduce(or_, [all_words(words, everywhere) for words in per_alternative]))
        in_title = reduce(or_, [all_words(words, ["search_title"]) for words in per_alternative])
        in_summary = reduce(or_, [all_words(words, ["search_summary"]) for words in per_alternative])
        return docs.annotate(
            rank=Case(
                When(in_title, then=Value(3)),
                When(in_summary, then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )

    @staticmethod
    def _filtered(docs, filters, skip=None):
        for kind, value in filters.items():
            if kind != skip and value:
                docs = docs.filter(
                    id__in=SearchFacet.objects.filter(kind=kind, value=value).values("document_id")
                )
        return docs

    def _run(self, sq, alternatives):
        if not any(terms(alternative) for alternative in alternatives):
            # Only punctuation or symbols ("!!!", "—", an emoji): no word to match, nothing to rank.
            return [], 0, {}, {}
        matched = self._matching(sq.locale, alternatives)
        start = (sq.page - 1) * sq.page_size
        if self.is_postgres:
            type_counts, facets, ranked = self._summary_postgres(matched, sq, start)
            docs = SearchDocument.objects.only(*PAGE_FIELDS).in_bulk([doc_id for doc_id, _rank in ranked])
            page_docs = []
            for doc_id, rank in ranked:
                if doc_id in docs:  # not when the page was unpublished between the two statements
                    docs[doc_id].rank = rank
                    page_docs.append(docs[doc_id])
        else:
            filtered = self._filtered(matched, sq.filters)
            in_type = filtered.filter(type=sq.type) if sq.type else filtered
            type_counts, facets = self._counts(matched, filtered, sq)
            page_docs = list(
                in_type.order_by("-rank", "title").only(*PAGE_FIELDS)[start : start + sq.page_size]
            )
        total = type_counts.get(sq.type, 0) if sq.type else sum(type_counts.values())
        return page_docs, total, type_counts, facets

    @staticmethod
    def _summary_postgres(matched, sq, start):
        """Type and facet counts and the ``(id, rank)`` of the requested page's documents, in one
        statement that finds and ranks the matched rows once.

        Each facet's counts apply every other active filter (and the type tab); the facet values come
        from the document's ``facets`` JSON, so no join with the 20,000-row facet table is needed.
        """
        base_sql, base_params = (
            matched.order_by().values("id", "type", "facets", "title", "rank").query.sql_with_params()
        )

        def conditions(skip=None, with_type=False):
            active = [(kind, value) for kind, value in sq.filters.items() if value and kind != skip]
            sql = ["m.facets @> %s::jsonb"] * len(active)
            params = [json.dumps({kind: [value]}) for kind, value in active]
            if with_type and sq.type:
                sql.append("m.type = %s")
                params.append(sq.type)
            return (" WHERE " + " AND ".join(sql)) if sql else "", params

        where, params = conditions()
        # The SQL is assembled from constant fragments only; every value travels as a parameter.
        selects = [f"SELECT 'type', m.type, count(*), NULL::real FROM m{where} GROUP BY 2"]  # noqa: S608
        for kind in FACET_KINDS:
            kind_where, kind_params = conditions(skip=kind, with_type=True)
            selects.append(
                f"SELECT %s, v.value, count(*), NULL::real FROM m CROSS JOIN LATERAL "  # noqa: S608
                f"jsonb_array_elements_text(m.facets -> %s) AS v(value){kind_where} GROUP BY 2"
            )
            params += [kind, kind, *kind_params]
        page_where, page_params = conditions(with_type=True)
        selects.append(
            "SELECT 'hit', h.id::text, h.position, h.rank FROM (SELECT m.id, m.rank, "  # noqa: S608
            f"row_number() OVER (ORDER BY m.rank DESC, m.title) AS position FROM m{page_where} "
            "ORDER BY m.rank DESC, m.title LIMIT %s OFFSET %s) AS h"
        )
        params += [*page_params, sq.page_size, start]
        sql = f"WITH m AS MATERIALIZED ({base_sql}) " + " UNION ALL ".join(selects)
        type_counts, facets, hits = {}, {kind: [] for kind in FACET_KINDS}, []
        with connection.cursor() as cursor:
            cursor.execute(sql, [*base_params, *params])
            # Rows are (group, key, number, rank): a count per type or facet value, or for a hit
            # its document id and position on the page.
            for group, key, number, rank in cursor.fetchall():
                if group == "type":
                    type_counts[key] = number
                elif group == "hit":
                    hits.append((number, int(key), rank))
                else:
                    facets[group].append((key, number))
        for kind, values in facets.items():
            facets[kind] = sorted(values, key=lambda item: (-item[1], item[0]))[:FACET_SIZE]
        return type_counts, facets, [(doc_id, rank) for _position, doc_id, rank in sorted(hits)]

    def _counts(self, matched, filtered, sq):
        """Type and facet counts through the facet table (SQLite)."""
        type_counts = {
            row["type"]: row["n"] for row in filtered.order_by().values("type").annotate(n=Count("id"))
        }
        facets = {}
        for kind in FACET_KINDS:
            ids = self._filtered(matched, sq.filters, skip=kind)
            if sq.type:
                ids = ids.filter(type=sq.type)
            rows = (
                SearchFacet.objects.filter(kind=kind, document_id__in=ids.order_by().values("id"))
                .values("value")
                .annotate(n=Count("id"))
                .order_by("-n", "value")[:FACET_SIZE]
            )
            facets[kind] = [(row["value"], row["n"]) for row in rows]
        return type_counts, facets

    def query(self, sq):
        alternatives = sq.alternatives or [sq.text]
        page_docs, total, type_counts, facets = self._run(sq, alternatives)
        corrected = None
        if not sum(type_counts.values()):
            corrected = self.correct(sq.text, sq.locale)
            if corrected:
                page_docs, total, type_counts, facets = self._run(sq, [corrected])
        words = [
            w for alternative in ([corrected] if corrected else alternatives) for w in terms(alternative)
        ]
        hits = [
            Hit(
                page_id=doc.page_id,
                type=doc.type,
                title=doc.title,
                title_html=highlight(doc.title, words),
                snippet_html=highlight(_passage(doc, words), words, max_chars=SNIPPET_CHARS),
                url=doc.url,
                score=float(getattr(doc, "rank", 0) or 0),
            )
            for doc in page_docs
        ]
        return Results(
            hits=hits,
            total=total,
            type_counts={key: type_counts.get(key, 0) for key in TYPE_KEYS},
            facets=facets,
            page=sq.page,
            page_size=sq.page_size,
            backend=self.name,
            corrected=corrected,
        )

    # Typo correction: each unknown term is replaced by the closest word of the locale's title vocabulary.

    def vocabulary(self, locale):
        """The locale's title vocabulary, cached for the content generation (indexing starts a new one)."""
        return cached(
            f"search:vocabulary:{locale}",
            partial(_title_vocabulary, locale),
            timeout=VOCABULARY_CACHE_SECONDS,
        )

    def correct(self, text, locale):
        words = terms(text)
        if not words:
            return None
        vocabulary = self.vocabulary(locale)
        known = set(vocabulary)
        corrected, changed = [], False
        for word in words:
            if word in known or len(word) < 4 or word.isdigit():
                corrected.append(word)
                continue
            match = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.7)
            if match and match[0] != word:
                corrected.append(match[0])
                changed = True
            else:
                corrected.append(word)
        return " ".join(corrected) if changed else None

    def suggest(self, text, locale, size=SUGGEST_SIZE):
        words = terms(text)
        if not words:
            return []
        docs = SearchDocument.objects.filter(locale=locale)
        *complete, last = words
        for word in complete:
            docs = docs.filter(reduce(or_, [Q(search_title__contains=v) for v in variants(word)]))
        docs = docs.filter(Q(search_title__startswith=last) | Q(search_title__contains=f" {last}"))
        rows = docs.order_by("type_rank", "title").only("title", "url", "type")[:size]
        return [Suggestion(title=d.title, url=d.url, type=d.type) for d in rows]


def _word_q(field, word):
    """SQLite matching of one term: any of its variants as a substring; exact terms only as whole words."""
    if is_exact(word):
        return Q(**{f"{field}__regex": rf"(^|\W){re.escape(word)}(\W|$)"})
    return reduce(or_, [Q(**{f"{field}__contains": variant}) for variant in variants(word)])


def _passage(doc, words):
    """The text a snippet comes from: the summary, or the body when only the body matched."""
    body = doc.readable_body()
    if _mentions(body, words) and not _mentions(doc.summary, words):
        return body
    return doc.summary


def _mentions(text, words):
    folded = (text or "").casefold().replace("ё", "е")
    return any(variant in folded for w in words for variant in variants(w))
