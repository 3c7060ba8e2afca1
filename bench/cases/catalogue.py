"""Catalogue: the listing with two filters on and a trainer page under gunicorn (2 workers), with
1,000 generated trainers per language. No page cache exists yet, so these are uncached figures."""

LISTING = "/ru/catalogue/?industry=welding&platform=windows"
TRAINER = "/ru/catalogue/harness-inspection/"


def run(ctx):
    ctx.manage("load_demo", "--simulators", "1000", "-v0")
    rows = []
    for name, path, goal in (
        ("catalogue listing, 2 filters", LISTING, 60),
        ("trainer page", TRAINER, 40),
        ("healthz (reference)", "/healthz", None),
    ):
        result = ctx.load(path, seconds=10, concurrency=4)
        assert result["ok"] == result["requests"], f"{path}: {result['statuses']}"
        rows += [
            {"case": name, "metric": "throughput", "value": result["rps"], "unit": "req/s"},
            {"case": name, "metric": "p50", "value": result["p50_ms"], "unit": "ms"},
            {
                "case": name,
                "metric": "p95",
                "value": result["p95_ms"],
                "unit": "ms",
                **({"goal": f"<= {goal} ms"} if goal else {}),
            },
        ]
    return rows
