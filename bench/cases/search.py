"""Search: API, results page and suggest latency on Elasticsearch and on the database backend, full
rebuild time, and the overhead of our layer over a bare elasticsearch-dsl query of the same search.

The dataset is whatever ``load_demo`` produced (``bench/run.py``); the issue's figures are meant for
``load_demo --simulators 10000 --release-notes 2000``, prepared once and measured with
``bench/run.py --existing-db NAME search`` (see the README's benchmark section).
"""

import json
import statistics
import time
import urllib.parse
import urllib.request

QUERIES = ["сварка", "работы на высоте", "электробезопасность", "тренажеры"]
SEQUENTIAL = 100


def _qs(**params):
    return urllib.parse.urlencode(params)


def _latencies(ctx, rows, label, goal_api, goal_page, goal_suggest):
    # A slow or failed Elasticsearch answer silently falls back to the database: check who answers.
    url = f"{ctx.base_url}/api/v1/search?{_qs(q=QUERIES[0], locale='ru')}"
    backend = json.loads(urllib.request.urlopen(url, timeout=10).read())["backend"]
    assert backend == label, f"expected the {label} backend, the API answered with {backend}"
    # One client per worker: the latency is the server's, without queueing behind other requests.
    clients = ctx.workers
    api = ctx.load(f"/api/v1/search?{_qs(q=QUERIES[0], locale='ru')}", seconds=8, concurrency=clients)
    page = ctx.load(f"/ru/search/?{_qs(q=QUERIES[1])}", seconds=8, concurrency=clients)
    suggest = ctx.load(f"/api/v1/search/suggest?{_qs(q='свар', locale='ru')}", seconds=8, concurrency=clients)
    for name, result, goal in (
        ("api", api, goal_api),
        ("results page", page, goal_page),
        ("suggest", suggest, goal_suggest),
    ):
        assert result["ok"] == result["requests"], f"{label} {name}: {result['statuses']}"
        rows += [
            {
                "case": f"search {name} ({label})",
                "metric": "p95",
                "value": result["p95_ms"],
                "unit": "ms",
                "goal": f"<= {goal} ms",
            },
            {
                "case": f"search {name} ({label})",
                "metric": "throughput",
                "value": result["rps"],
                "unit": "req/s",
            },
        ]


def _sequential_ms(fn):
    samples = []
    for _ in range(SEQUENTIAL):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def _bare_query(env):
    """The same search written directly with elasticsearch-dsl (no Django, no fallback, no synonyms)."""
    from elasticsearch import Elasticsearch
    from elasticsearch_dsl import Q, Search

    es = Elasticsearch(env["ELASTICSEARCH_URL"], request_timeout=5)
    alias = f"{env.get('ELASTICSEARCH_INDEX_PREFIX', 'vt-bench')}-ru".lower()

    marked = Q("multi_match", query=QUERIES[0], fields=["title", "summary", "body"]).to_dict()

    def run():
        search = (
            Search(using=es, index=alias)
            .query(
                Q(
                    "bool",
                    should=[
                        Q(
                            "multi_match",
                            query=QUERIES[0],
                            fields=["title^4", "tags^2", "summary^2", "body"],
                            fuzziness="AUTO:4,64",  # the backend's first (one-typo) query
                            prefix_length=1,
                            operator="and",
                        ),
                        Q("multi_match", query=QUERIES[0], type="phrase", fields=["title^6", "summary^2"]),
                        Q("multi_match", query=QUERIES[0], type="bool_prefix", fields=["title^2", "summary"]),
                    ],
                    minimum_should_match=1,
                )
            )
            .extra(size=10, track_total_hits=True)
            .highlight_options(highlight_query=marked)
            .highlight("title", "summary", "body")
        )
        search.aggs.bucket("types", "terms", field="type")
        search.aggs.bucket("industry", "terms", field="industry", size=50)
        search.aggs.bucket("platform", "terms", field="platform", size=50)
        search.execute()

    return run


def run(ctx):
    rows = []
    started = time.perf_counter()
    ctx.manage("search_index", "rebuild", capture=True)
    rows.append(
        {
            "case": "search rebuild",
            "metric": "time",
            "value": round(time.perf_counter() - started, 2),
            "unit": "s",
            "goal": "<= 60 s",
        }
    )
    if ctx.env.get("ELASTICSEARCH_URL"):
        _latencies(ctx, rows, "elasticsearch", 40, 60, 20)
        url = f"{ctx.base_url}/api/v1/search?{_qs(q=QUERIES[0], locale='ru')}"
        ours = _sequential_ms(lambda: urllib.request.urlopen(url, timeout=5).read())
        bare = _sequential_ms(_bare_query(ctx.env))
        rows += [
            {
                "case": "search api vs bare es-dsl",
                "metric": "p50 ours",
                "value": round(ours, 2),
                "unit": "ms",
            },
            {
                "case": "search api vs bare es-dsl",
                "metric": "p50 bare",
                "value": round(bare, 2),
                "unit": "ms",
            },
            {
                "case": "search api vs bare es-dsl",
                "metric": "ratio",
                "value": round(ours / bare, 2),
                "unit": "x",
            },
        ]
        # The database backend under the same server: restart without Elasticsearch.
        saved = ctx.env.pop("ELASTICSEARCH_URL")
        try:
            ctx.start_server()
            _latencies(ctx, rows, "database", 40, 60, 20)
        finally:
            ctx.env["ELASTICSEARCH_URL"] = saved
            ctx.start_server()
    else:
        _latencies(ctx, rows, "database", 40, 60, 20)
    return rows
