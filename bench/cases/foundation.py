"""Foundation: throughput and latency of ``/healthz`` and the home page under gunicorn (2 workers)."""


def run(ctx):
    rows = []
    for name, path in (("healthz", "/healthz"), ("home page ru", "/ru/")):
        result = ctx.load(path, seconds=10, concurrency=8)
        assert result["ok"] == result["requests"], f"{path}: {result['statuses']}"
        rows += [
            {"case": name, "metric": "throughput", "value": result["rps"], "unit": "req/s"},
            {"case": name, "metric": "p50", "value": result["p50_ms"], "unit": "ms"},
            {"case": name, "metric": "p95", "value": result["p95_ms"], "unit": "ms"},
        ]
    return rows
