"""Catalogue: the listing with two filters on, without the page cache and cached, next to
``/healthz``, in interleaved rounds under gunicorn (2 workers each), with 1,000 generated trainers
per language; and a trainer page without the cache."""

from bench.run import figure_row, interleave, ratio_row

LISTING = "/ru/catalogue/?industry=welding&platform=windows"
TRAINER = "/ru/catalogue/harness-inspection/"
SECONDS = 5


def _load(ctx, url, concurrency=4):
    result = ctx.load(url, seconds=SECONDS, concurrency=concurrency, warmup=0)
    assert result["ok"] == result["requests"], f"{url}: {result['statuses']}"
    return result


def run(ctx):
    ctx.manage("load_demo", "--simulators", "1000", "-v0")
    uncached = ctx.reference("uncached")
    # One client per worker without the cache: server time of the views, without queueing.
    contenders = {
        "listing, no cache": lambda: _load(ctx, f"{uncached}{LISTING}", ctx.workers),
        "listing, cached": lambda: _load(ctx, f"{ctx.base_url}{LISTING}"),
        "healthz": lambda: _load(ctx, f"{ctx.base_url}/healthz"),
    }
    for measure in contenders.values():
        measure()  # warm-up: caches filled, connections and workers busy once
    results = interleave(contenders)
    rps = {name: [result["rps"] for result in runs] for name, runs in results.items()}
    rows = [
        ratio_row("cached listing vs healthz", rps["listing, cached"], rps["healthz"], ">= 0.4"),
        ratio_row("listing without vs with the page cache", rps["listing, no cache"], rps["listing, cached"]),
    ]
    for name, runs in results.items():
        goal = "<= 60 ms" if name == "listing, no cache" else ""
        rows += [
            figure_row(name, "throughput", rps[name], "req/s"),
            figure_row(name, "p95", [result["p95_ms"] for result in runs], "ms", goal, digits=2),
        ]
    trainer = _load(ctx, f"{uncached}{TRAINER}", ctx.workers)
    rows += [
        {"case": "trainer page, no cache", "metric": "throughput", "value": trainer["rps"], "unit": "req/s"},
        {
            "case": "trainer page, no cache",
            "metric": "p95",
            "value": trainer["p95_ms"],
            "unit": "ms",
            "goal": "<= 40 ms",
        },
    ]
    return rows
