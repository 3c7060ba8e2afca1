"""Foundation: ``/healthz`` (the liveness probe, answered before Django) against a bare WSGI app and
bakerydemo's trivial view (its middleware stack over our apps); a trivial view through our whole
middleware stack against the same view through bakerydemo's (the floor every page of ours pays) and
through Django with no middleware (the framework's own floor); all in interleaved rounds under
gunicorn (2 workers each). Then the home page alone."""

from bench.run import figure_row, interleave, ratio_row

SECONDS = 5
CLIENTS = 8


def _rps(ctx, url):
    result = ctx.load(url, seconds=SECONDS, concurrency=CLIENTS, warmup=0)
    assert result["ok"] == result["requests"], f"{url}: {result['statuses']}"
    return result["rps"]


def run(ctx):
    urls = {
        "healthz": f"{ctx.base_url}/healthz",
        "our middleware": f"{ctx.reference('site')}/trivial",
        "bakerydemo": f"{ctx.reference('bakerydemo')}/trivial",
        "django": f"{ctx.reference('django')}/trivial",
        "bare": f"{ctx.reference('bare')}/healthz",
    }
    for url in urls.values():
        ctx.load(url, seconds=1, concurrency=CLIENTS, warmup=0)
    rps = interleave({name: (lambda url=url: _rps(ctx, url)) for name, url in urls.items()})
    rows = [
        ratio_row("healthz vs bakerydemo trivial view", rps["healthz"], rps["bakerydemo"], ">= 1.0"),
        ratio_row("healthz vs bare WSGI app", rps["healthz"], rps["bare"], ">= 0.6"),
        ratio_row(
            "trivial view: our middleware vs bakerydemo's", rps["our middleware"], rps["bakerydemo"], ">= 1.0"
        ),
        ratio_row("trivial view: Django without middleware vs bare WSGI", rps["django"], rps["bare"]),
    ]
    labels = {
        "healthz": "healthz (ours)",
        "our middleware": "trivial view (our middleware)",
        "bakerydemo": "trivial view (bakerydemo)",
        "django": "trivial view (Django, no middleware)",
        "bare": "bare WSGI app",
    }
    rows += [figure_row(labels[name], "throughput", rps[name], "req/s") for name in urls]
    home = ctx.load("/ru/", seconds=10, concurrency=CLIENTS)
    assert home["ok"] == home["requests"], f"/ru/: {home['statuses']}"
    rows += [
        {"case": "home page ru", "metric": "throughput", "value": home["rps"], "unit": "req/s"},
        {"case": "home page ru", "metric": "p50", "value": home["p50_ms"], "unit": "ms"},
        {"case": "home page ru", "metric": "p95", "value": home["p95_ms"], "unit": "ms"},
    ]
    return rows
