"""Catalogue: the listing with two filters on, without the page cache and cached, next to a trivial
view through our middleware; our listing and trainer page against bakerydemo's bread index and bread page
(``bench/reference/bakery.py``); all in interleaved rounds under gunicorn (2 workers each), with 1,000
generated trainers per language (or the ``--existing-db`` data set). Then the cold listing: one client
visits 60 three-filter combinations, each for the first time since a trainer was published.

The trainers loaded decide the cold figure: run once on the default data set and once with
``--existing-db`` on a 10,000-trainer database to compare the growth (``trainers`` row)."""

import itertools
import json
import statistics
import time
import urllib.request

from bench.run import figure_row, interleave, ratio_row

LISTING = "/ru/catalogue/?industry=welding&platform=windows"
TRAINER = "/ru/catalogue/harness-inspection/"
SECONDS = 5
COLD_COMBINATIONS = 60
NEW_CATALOGUE_GENERATION = "from core.cache import invalidate_scopes; invalidate_scopes(['catalogue'])"


def _load(ctx, url, concurrency=4):
    result = ctx.load(url, seconds=SECONDS, concurrency=concurrency, warmup=0)
    assert result["ok"] == result["requests"], f"{url}: {result['statuses']}"
    return result


def _get(url):
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        body = response.read()
        assert response.status == 200, url
    return (time.perf_counter() - started) * 1000, body


def _combinations(ctx):
    """Three-filter combinations: an industry, a platform and a trainer language."""
    _ms, body = _get(f"{ctx.base_url}/api/v1/catalogue/simulators?locale=ru&per_page=1")
    facets = json.loads(body)["facets"]
    slugs = {name: [option["slug"] for option in facets[name]] for name in ("industry", "platform")}
    slugs["language"] = [option["slug"] for option in facets["language"]]
    triples = itertools.product(slugs["industry"], slugs["platform"], slugs["language"])
    return [f"industry={i}&platform={p}&language={lang}" for i, p, lang in triples][:COLD_COMBINATIONS]


def _cold_round(ctx, url, combinations):
    ctx.manage("shell", "-c", NEW_CATALOGUE_GENERATION)
    return [_get(f"{url}/ru/catalogue/?{query}")[0] for query in combinations]


def _peer_rows(ctx, uncached):
    bakery = ctx.reference("bakerydemo")
    slug = TRAINER.rstrip("/").rpartition("/")[2]
    contenders = {
        "listing": lambda: _load(ctx, f"{uncached}/ru/catalogue/", ctx.workers),
        "bread index": lambda: _load(ctx, f"{bakery}/breads/", ctx.workers),
        "trainer page": lambda: _load(ctx, f"{uncached}{TRAINER}", ctx.workers),
        "bread page": lambda: _load(ctx, f"{bakery}/breads/{slug}/", ctx.workers),
    }
    for measure in contenders.values():
        measure()
    rps = {name: [r["rps"] for r in runs] for name, runs in interleave(contenders).items()}
    rows = [
        ratio_row("listing vs bakerydemo bread index", rps["listing"], rps["bread index"], ">= 1.0"),
        ratio_row("trainer page vs bakerydemo bread page", rps["trainer page"], rps["bread page"], ">= 1.0"),
    ]
    rows += [figure_row(f"{name} (no page cache)", "throughput", rps[name], "req/s") for name in rps]
    return rows


def run(ctx):
    if not ctx.existing_db:
        ctx.manage("load_demo", "--simulators", "1000", "-v0")
    uncached = ctx.reference("uncached")
    # One client per worker without the cache: server time of the views, without queueing.
    contenders = {
        "listing, no cache": lambda: _load(ctx, f"{uncached}{LISTING}", ctx.workers),
        "listing, cached": lambda: _load(ctx, f"{ctx.base_url}{LISTING}"),
        "trivial view": lambda: _load(ctx, ctx.floor_url()),
    }
    for measure in contenders.values():
        measure()  # warm-up: caches filled, connections and workers busy once
    results = interleave(contenders)
    rps = {name: [result["rps"] for result in runs] for name, runs in results.items()}
    rows = [
        ratio_row(
            "cached listing vs trivial view (our middleware)",
            rps["listing, cached"],
            rps["trivial view"],
            ">= 0.4",
        ),
        ratio_row("listing without vs with the page cache", rps["listing, no cache"], rps["listing, cached"]),
    ]
    for name, runs in results.items():
        rows += [
            figure_row(name, "throughput", rps[name], "req/s"),
            figure_row(name, "p95", [result["p95_ms"] for result in runs], "ms", digits=2),
        ]
    rows += _peer_rows(ctx, uncached)
    combinations = _combinations(ctx)
    _ms, body = _get(f"{ctx.base_url}/api/v1/catalogue/simulators?locale=ru&per_page=1")
    rounds = [_cold_round(ctx, uncached, combinations) for _ in range(3)]
    p95s = [statistics.quantiles(times, n=20)[-1] for times in rounds]
    rows += [
        {"case": "cold listing", "metric": "trainers", "value": json.loads(body)["count"], "unit": "ru"},
        figure_row("cold listing", "mean", [statistics.fmean(times) for times in rounds], "ms", digits=2),
        figure_row("cold listing", "p95", p95s, "ms", "<= 60 ms", digits=2),
    ]
    return rows
