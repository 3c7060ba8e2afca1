"""Support: fault-report submissions through the API under gunicorn (2 workers), 10 s per round.

Each round also loads a trivial view through our middleware (``ctx.floor_url()``, interleaved,
``BENCH_ROUNDS``), so that the figure comes with one that moves with the machine: the ratio says how
many of the cheapest requests one report costs. Afterwards the
stored reports must equal the 201 answers, and every report must have its acknowledgement in the
outbox. Rate limits are raised for the run (one client address).
"""

import json

from bench.run import figure_row, interleave, ratio_row

SECONDS = 10

CHECK = (
    "from support.helpdesk.models import FaultReport as R; "
    "from support.notifications.models import OutboxMessage as O; "
    "ids = set(R.objects.values_list('pk', flat=True)); "
    "acks = O.objects.filter(template='fault_ack').values_list('source_id', flat=True); "
    "acked = {int(i) for i in acks}; "
    "print('RESULT', len(ids), len(ids - acked))"
)


def _counts(ctx):
    """(stored reports, reports without an acknowledgement) read through ``manage.py shell``."""
    out = ctx.manage("shell", "-v0", "-c", CHECK, capture=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    stored, without_ack = line.split()[1:]
    return int(stored), int(without_ack)


def run(ctx):
    ctx.env.update(
        SUPPORT_RATE_PER_IP="1000000/m",
        SUPPORT_RATE_PER_PHONE="1000000/m",
        # Delivery is queued as task rows (a worker or ``deliver_outbox`` sends them), as in production.
        TASKS_BACKEND="database",
    )
    ctx.start_server()
    before, _ = _counts(ctx)
    body = json.dumps(
        {
            "full_name": "Нагрузочный Тест",
            "uin": "BENCH-0001",
            "phone": "+79160000000",
            "email": "bench@example.com",
            "description": "Проверка производительности приёма обращений",
            "consent": True,
            "environment": {"os": "Linux", "webgl2": True},
        }
    )
    results = []

    def submit():
        result = ctx.load(
            "/api/v1/support/fault-reports",
            seconds=SECONDS,
            concurrency=8,
            method="POST",
            body=body,
            headers={"Content-Type": "application/json"},
            warmup=0,
        )
        results.append(result)
        return result["rps"]

    def probe():
        return ctx.load(ctx.floor_url(), seconds=SECONDS / 2, concurrency=8, warmup=0)["rps"]

    rps = interleave({"intake": submit, "floor": probe})
    stored, without_ack = _counts(ctx)
    print(f"support bench: {results}", flush=True)
    created = sum(result["statuses"].get("201", 0) for result in results)
    assert stored - before == created, f"stored {stored - before} != 201 answers {created}"
    assert without_ack == 0, f"{without_ack} reports without acknowledgement"
    statuses = {}
    for result in results:
        for code, count in result["statuses"].items():
            statuses[code] = statuses.get(code, 0) + count
    return [
        ratio_row("support submit vs trivial view (our middleware)", rps["intake"], rps["floor"]),
        figure_row("support submit", "accepted", rps["intake"], "reports/s", ">= 200"),
        figure_row("support submit", "p50", [result["p50_ms"] for result in results], "ms"),
        figure_row("support submit", "p95", [result["p95_ms"] for result in results], "ms"),
        {"case": "support submit", "metric": "stored == 201", "value": stored - before, "unit": "reports"},
        {"case": "support submit", "metric": "statuses", "value": json.dumps(statuses), "unit": ""},
    ]
