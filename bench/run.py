"""Benchmark runner (``make bench``).

Prepares a database (PostgreSQL ``<name>_bench`` beside DATABASE_URL's ``<name>`` when it points at
PostgreSQL, else a SQLite file), migrates and loads the demo content, starts gunicorn (2 workers,
production settings, no page cache bypass), then runs every case module in ``bench/cases/`` (or those
named on the command line). Load comes from a second process (``bench/loadgen.py``).

A figure alone says as much about the machine as about the code, so cases measure ours against a
reference (``bench/reference``: a bare WSGI app, bakerydemo's stack) in interleaved rounds and report
the median of the per-round ratios with their spread; a pure-Python loop timed before and after the
cases calibrates the machine. Prints a table, ratios first, and writes ``bench/results/latest.json``
plus a timestamped copy.
"""

import argparse
import importlib
import json
import os
import pkgutil
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 5))
# name -> (WSGI application, environment on top of the bench's, the path that answers once it is up);
# see BenchContext.reference. The Django references are served without the site's liveness probe, so
# /trivial reaches Django.
DJANGO_ONLY = "bench.reference.wsgi:application"
REFERENCES = {
    "bare": ("bench.reference.bare:application", {}, "/healthz"),
    "bakerydemo": (DJANGO_ONLY, {"DJANGO_SETTINGS_MODULE": "bench.reference.settings"}, "/trivial"),
    "django": (DJANGO_ONLY, {"DJANGO_SETTINGS_MODULE": "bench.reference.django_only"}, "/trivial"),
    "site": (
        "config.wsgi:application",
        {"DJANGO_SETTINGS_MODULE": "bench.reference.site_settings"},
        "/trivial",
    ),
    "uncached": ("config.wsgi:application", {"PAGE_CACHE_ENABLED": "0"}, "/healthz"),
}
CALIBRATION_LOOP = 2_000_000
sys.path.insert(0, str(ROOT))


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A gunicorn serving one WSGI application with ``workers`` sync workers on a free port; started
    once ``ready_path`` answers 200."""

    def __init__(self, app, env, workers, ready_path="/healthz"):
        self.app = app
        self.env = env
        self.workers = workers
        self.ready_path = ready_path
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._process = None

    def start(self):
        self.stop()
        command = [PYTHON, "-m", "gunicorn", self.app, "--pythonpath", "site", "--log-level", "warning"]
        command += ["--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers)]
        self._process = subprocess.Popen(command, cwd=ROOT, env=self.env)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base_url}{self.ready_path}", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn ({self.app}) did not become healthy within 60 s")

    def stop(self):
        if self._process and self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)
            self._process.wait(timeout=30)
        self._process = None


class BenchContext:
    """What a case gets: the server's base URL, a load generator, ``manage.py``, the environment and
    reference servers (``reference``) to measure against in interleaved rounds (``interleave``)."""

    def __init__(self, env, workers=2, existing_db=None):
        self.env = env
        # The database given with --existing-db (its data set is used as it is), else None.
        self.existing_db = existing_db
        self.workers = workers
        self._server = Server("config.wsgi:application", env, workers)
        self.port = self._server.port
        self.base_url = self._server.base_url
        self._references = {}

    def manage(self, *args, check=True, capture=False):
        return subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=check,
            capture_output=capture,
            text=True,
        )

    def start_server(self):
        """(Re)start our server with the current ``env``."""
        self._server.env = self.env
        self._server.start()

    def stop_server(self):
        self._server.stop()
        for server in self._references.values():
            server.stop()
        self._references.clear()

    def reference(self, name):
        """The base URL of a reference server (started on first use, same workers as ours):
        ``bare`` (a bare WSGI app), ``bakerydemo`` (bakerydemo's middleware stack over our apps,
        ``bench/reference``), ``django`` (no middleware), ``site`` (ours with ``/trivial``) or
        ``uncached`` (our site without the page cache)."""
        if name not in self._references:
            app, extra, ready_path = REFERENCES[name]
            server = Server(app, {**self.env, **extra}, self.workers, ready_path)
            server.start()
            self._references[name] = server
        return self._references[name].base_url

    def floor_url(self):
        """A trivial view through our whole middleware stack (the ``site`` reference): what any page of
        ours costs at least, the figure the cases measure theirs next to."""
        return f"{self.reference('site')}/trivial"

    def load(self, path, *, seconds=10, concurrency=8, method="GET", body=None, headers=None, warmup=1):
        """Drive ``path`` from a separate process; returns rps, p50_ms, p95_ms, statuses."""
        url = path if path.startswith("http") else f"{self.base_url}{path}"
        args = [PYTHON, str(ROOT / "bench" / "loadgen.py"), url, "--concurrency", str(concurrency)]
        args += ["--method", method]
        if body is not None:
            args += ["--body", body]
        for name, value in (headers or {}).items():
            args += ["--header", f"{name}: {value}"]
        if warmup:
            subprocess.run([*args, "--seconds", str(warmup)], check=True, capture_output=True)
        out = subprocess.run([*args, "--seconds", str(seconds)], check=True, capture_output=True, text=True)
        return json.loads(out.stdout)


def interleave(contenders, rounds=ROUNDS):
    """Measure each contender (name -> function returning a figure) once per round, the order
    rotating from round to round so that no side always runs first, on a warmer or busier machine;
    returns name -> the figures of every round."""
    names = list(contenders)
    figures = {name: [] for name in names}
    for number in range(rounds):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            figures[name].append(contenders[name]())
    return figures


def _spread(values, digits):
    return f"{round(min(values), digits)}–{round(max(values), digits)}"


def ratio_row(case, numerators, denominators, goal="", digits=2):
    """The median of the per-round ratios ``numerator / denominator``, with their spread (min–max)."""
    ratios = [a / b for a, b in zip(numerators, denominators, strict=True) if b]
    return {
        "case": case,
        "metric": "ratio",
        "value": round(statistics.median(ratios), digits),
        "spread": _spread(ratios, digits),
        "unit": "x",
        "goal": goal,
    }


def figure_row(case, metric, figures, unit, goal="", digits=1):
    """The median of one figure over the rounds, with its spread (min–max)."""
    return {
        "case": case,
        "metric": metric,
        "value": round(statistics.median(figures), digits),
        "spread": _spread(figures, digits),
        "unit": unit,
        "goal": goal,
    }


def calibrate():
    """Milliseconds a fixed pure-Python loop takes (best of three): how fast the machine is now, so
    that figures of different runs (or machines) can be put side by side."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for number in range(CALIBRATION_LOOP):
            total += number % 7
        best = min(best, time.perf_counter() - started)
    return round(best * 1000, 1)


def _prepare_env(existing_db=None):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        DEMO_DATA_ALLOWED="1",
        PYTHONPATH=f"{ROOT / 'site'}:{ROOT}",
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
        MEDIA_ROOT=str(ROOT / "var" / "bench-media"),
    )
    database_url = env.get("DATABASE_URL", "")
    if existing_db:
        if not database_url.startswith("postgres"):
            raise SystemExit("--existing-db needs DATABASE_URL pointing at PostgreSQL")
        env["DATABASE_URL"] = f"{database_url.rpartition('/')[0]}/{existing_db}"
    elif database_url.startswith("postgres"):
        # Named after the configured database, so that checkouts sharing one server keep apart.
        base, _, name = database_url.rpartition("/")
        env["DATABASE_URL"] = f"{base}/{name}_bench"
        _recreate_postgres_db(database_url, f"{name}_bench")
    else:
        sqlite = ROOT / "var" / "bench.sqlite3"
        sqlite.parent.mkdir(exist_ok=True)
        sqlite.unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{sqlite}"
    env.setdefault("ELASTICSEARCH_INDEX_PREFIX", "vt-bench")
    return env


def _recreate_postgres_db(admin_url, name):
    import psycopg

    with psycopg.connect(admin_url.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _case_modules(names):
    available = sorted(m.name for m in pkgutil.iter_modules([str(ROOT / "bench" / "cases")]))
    chosen = names or available
    unknown = set(chosen) - set(available)
    if unknown:
        raise SystemExit(f"unknown case(s): {', '.join(sorted(unknown))}; available: {', '.join(available)}")
    return [importlib.import_module(f"bench.cases.{name}") for name in chosen]


def _print_table(rows):
    # Ratios first: measured against a reference in the same rounds, they are what survives a busy
    # or slower machine; absolute figures follow.
    rows = sorted(rows, key=lambda row: row.get("metric") != "ratio")
    headers = ["case", "metric", "value", "spread", "unit", "goal"]
    table = [[str(row.get(h, "")) for h in headers] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in table)) if table else len(h) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("cases", nargs="*", help="case modules to run (default: all)")
    parser.add_argument(
        "--existing-db",
        metavar="NAME",
        help="use this PostgreSQL database as it is (migrated, no demo load): large datasets such as "
        "`load_demo --simulators 10000 --release-notes 2000` take minutes to generate",
    )
    args = parser.parse_args()
    modules = _case_modules(args.cases)
    ctx = BenchContext(_prepare_env(args.existing_db), existing_db=args.existing_db)
    print(f"database: {ctx.env['DATABASE_URL'].split('@')[-1]}", flush=True)
    ctx.manage("migrate", "--noinput", "-v0")
    ctx.manage("collectstatic", "--noinput", "-v0")
    if not args.existing_db:
        ctx.manage("load_demo", "-v0")
    calibration = calibrate()
    print(f"calibration: {CALIBRATION_LOOP:,} pure-Python loop steps in {calibration} ms", flush=True)
    rows = []
    try:
        ctx.start_server()
        for module in modules:
            print(f"running {module.__name__} ...", flush=True)
            rows.extend(module.run(ctx))
    finally:
        ctx.stop_server()
    after = calibrate()
    rows.append(
        {
            "case": "calibration",
            "metric": "pure-Python loop",
            "value": calibration,
            "spread": _spread([calibration, after], 1),
            "unit": "ms",
            "goal": "before and after the cases",
        }
    )
    _print_table(rows)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    payload = {"when": stamp, "database": ctx.env["DATABASE_URL"].split("@")[-1], "results": rows}
    for name in ("latest.json", f"{stamp}.json"):
        (RESULTS / name).write_text(json.dumps(payload, indent=2, ensure_ascii=False))
    print(f"results: {RESULTS / 'latest.json'}")


if __name__ == "__main__":
    main()
