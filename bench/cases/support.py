"""Support: fault-report submissions through the API under gunicorn (2 workers) for 30 s.

Afterwards the stored reports must equal the 201 answers, and every report must have its
acknowledgement in the outbox. Rate limits are raised for the run (one client address).
"""

import json

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
    result = ctx.load(
        "/api/v1/support/fault-reports",
        seconds=30,
        concurrency=8,
        method="POST",
        body=body,
        headers={"Content-Type": "application/json"},
        warmup=0,
    )
    stored, without_ack = _counts(ctx)
    print(f"support bench: {result}", flush=True)
    created = result["statuses"].get("201", 0)
    assert stored - before == created, f"stored {stored - before} != 201 answers {created}"
    assert without_ack == 0, f"{without_ack} reports without acknowledgement"
    return [
        {
            "case": "support submit",
            "metric": "accepted",
            "value": result["rps"],
            "unit": "reports/s",
            "goal": ">= 100",
        },
        {"case": "support submit", "metric": "p50", "value": result["p50_ms"], "unit": "ms"},
        {"case": "support submit", "metric": "p95", "value": result["p95_ms"], "unit": "ms"},
        {"case": "support submit", "metric": "stored == 201", "value": stored - before, "unit": "reports"},
        {"case": "support submit", "metric": "statuses", "value": json.dumps(result["statuses"]), "unit": ""},
    ]
