"""A small HTTP load generator: keep-alive connections in threads, exact latency percentiles.

Run as its own process (``python bench/loadgen.py URL --seconds 10 --concurrency 8``) so that the
load does not share an interpreter with the server; prints one JSON object.
"""

import argparse
import http.client
import json
import statistics
import threading
import time
from urllib.parse import urlsplit


def _worker(url, method, body, headers, deadline, latencies, statuses, lock):
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    local_latencies, local_statuses = [], {}
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        except (OSError, http.client.HTTPException):
            status = 0
            conn.close()
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        local_latencies.append(time.perf_counter() - started)
        local_statuses[status] = local_statuses.get(status, 0) + 1
    conn.close()
    with lock:
        latencies.extend(local_latencies)
        for status, count in local_statuses.items():
            statuses[status] = statuses.get(status, 0) + count


def run_load(url, *, seconds=10.0, concurrency=8, method="GET", body=None, headers=None):
    latencies, statuses, lock = [], {}, threading.Lock()
    deadline = time.perf_counter() + seconds
    started = time.perf_counter()
    threads = [
        threading.Thread(
            target=_worker,
            args=(url, method, body, headers or {}, deadline, latencies, statuses, lock),
        )
        for _ in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()

    def percentile(p):
        if not latencies:
            return None
        return round(latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000, 2)

    ok = sum(count for status, count in statuses.items() if 200 <= status < 400)
    return {
        "requests": len(latencies),
        "ok": ok,
        "rps": round(ok / elapsed, 1),
        "p50_ms": percentile(50),
        "p95_ms": percentile(95),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 2) if latencies else None,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--method", default="GET")
    parser.add_argument("--body", default=None)
    parser.add_argument("--header", action="append", default=[], help="Name: value")
    args = parser.parse_args()
    headers = dict(h.split(": ", 1) for h in args.header)
    body = args.body.encode() if args.body else None
    result = run_load(
        args.url,
        seconds=args.seconds,
        concurrency=args.concurrency,
        method=args.method,
        body=body,
        headers=headers,
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
