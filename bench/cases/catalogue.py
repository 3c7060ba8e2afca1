"""Catalogue: the listing with two filters on and a trainer page under gunicorn (2 workers) with
1,000 generated trainers per language, first without the page cache (server time of the views),
then the cached listing next to ``/healthz`` measured in the same run."""

LISTING = "/ru/catalogue/?industry=welding&platform=windows"
TRAINER = "/ru/catalogue/harness-inspection/"


def _rows(name, result, goal=None):
    p95 = {"case": name, "metric": "p95", "value": result["p95_ms"], "unit": "ms"}
    if goal:
        p95["goal"] = goal
    return [
        {"case": name, "metric": "throughput", "value": result["rps"], "unit": "req/s"},
        {"case": name, "metric": "p50", "value": result["p50_ms"], "unit": "ms"},
        p95,
    ]


def _load(ctx, path, concurrency=4):
    result = ctx.load(path, seconds=10, concurrency=concurrency)
    assert result["ok"] == result["requests"], f"{path}: {result['statuses']}"
    return result


def run(ctx):
    ctx.manage("load_demo", "--simulators", "1000", "-v0")
    rows = []
    previous = ctx.env.get("PAGE_CACHE_ENABLED")
    ctx.env["PAGE_CACHE_ENABLED"] = "0"
    try:
        ctx.start_server()
        # One client per worker: server time without queueing behind other requests.
        rows += _rows("listing, 2 filters, no cache", _load(ctx, LISTING, ctx.workers), "<= 60 ms")
        rows += _rows("trainer page, no cache", _load(ctx, TRAINER, ctx.workers), "<= 40 ms")
    finally:
        if previous is None:
            ctx.env.pop("PAGE_CACHE_ENABLED")
        else:
            ctx.env["PAGE_CACHE_ENABLED"] = previous
        ctx.start_server()
    cached = _load(ctx, LISTING)
    healthz = _load(ctx, "/healthz")
    rows += _rows("listing, 2 filters, cached", cached)
    rows += _rows("healthz, same run", healthz)
    rows.append(
        {
            "case": "cached listing vs healthz",
            "metric": "throughput ratio",
            "value": round(100 * cached["rps"] / healthz["rps"], 1) if healthz["rps"] else 0,
            "unit": "%",
            "goal": ">= 40 %",
        }
    )
    return rows
