"""Benchmark runner (``make bench``).

Prepares a database (PostgreSQL ``vt_bench`` when DATABASE_URL points at PostgreSQL, else a SQLite
file), migrates and loads the demo content, starts gunicorn (2 workers, production settings, no page
cache bypass), then runs every case module in ``bench/cases/`` (or those named on the command line).
Load comes from a second process (``bench/loadgen.py``). Prints a table and writes
``bench/results/latest.json`` plus a timestamped copy.
"""

import argparse
import importlib
import json
import os
import pkgutil
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class BenchContext:
    """What a case gets: the server's base URL, a load generator, ``manage.py`` and the environment."""

    def __init__(self, env, workers=2):
        self.env = env
        self.workers = workers
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._server = None

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
        self.stop_server()
        self._server = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--pythonpath",
                "site",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not become healthy within 60 s")

    def stop_server(self):
        if self._server and self._server.poll() is None:
            self._server.send_signal(signal.SIGTERM)
            self._server.wait(timeout=30)
        self._server = None

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
        base, _, _ = database_url.rpartition("/")
        env["DATABASE_URL"] = f"{base}/vt_bench"
        _recreate_postgres_db(database_url, "vt_bench")
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
    headers = ["case", "metric", "value", "unit", "goal"]
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
    ctx = BenchContext(_prepare_env(args.existing_db))
    print(f"database: {ctx.env['DATABASE_URL'].split('@')[-1]}", flush=True)
    ctx.manage("migrate", "--noinput", "-v0")
    ctx.manage("collectstatic", "--noinput", "-v0")
    if not args.existing_db:
        ctx.manage("load_demo", "-v0")
    rows = []
    try:
        ctx.start_server()
        for module in modules:
            print(f"running {module.__name__} ...", flush=True)
            rows.extend(module.run(ctx))
    finally:
        ctx.stop_server()
    _print_table(rows)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    payload = {"when": stamp, "database": ctx.env["DATABASE_URL"].split("@")[-1], "results": rows}
    for name in ("latest.json", f"{stamp}.json"):
        (RESULTS / name).write_text(json.dumps(payload, indent=2, ensure_ascii=False))
    print(f"results: {RESULTS / 'latest.json'}")


if __name__ == "__main__":
    main()
