"""Backups: ``manage.py backup`` and ``manage.py restore`` time and size on the bench database.

Each round writes an encrypted backup (AES-256-GCM) into a folder of its own and restores it into a
database and buckets that do not exist yet, which are dropped afterwards. The first backup copies
every object into the vault; the later ones find the copies there (a daily backup of unchanged
files), so the first round is reported apart. The issue's figures are meant for the search dataset
(``load_demo --simulators 10000 --release-notes 2000``: ``bench/run.py --existing-db vt_search
backups``, see the README's benchmark section); the dataset is only read.

Needs PostgreSQL and the S3 variables (``scripts/services env``); the vault is a bucket of its own.
"""

import contextlib
import json
import shutil
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import boto3
import psycopg

from backups.crypto import new_key
from bench.run import ROUNDS, figure_row

RUN = uuid.uuid4().hex[:8]


def _s3(env):
    return boto3.client(
        "s3",
        endpoint_url=env["AWS_S3_ENDPOINT_URL"],
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
        region_name=env.get("AWS_S3_REGION_NAME", "us-east-1"),
    )


def _remove_bucket(client, bucket):
    with contextlib.suppress(client.exceptions.NoSuchBucket):
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for item in page.get("Contents", []):
                client.delete_object(Bucket=bucket, Key=item["Key"])
        client.delete_bucket(Bucket=bucket)


def _admin(env):
    return psycopg.connect(env["DATABASE_URL"].rpartition("/")[0] + "/postgres", autocommit=True)


def _drop_indexes(env, prefix):
    base = env.get("ELASTICSEARCH_URL")
    if not base:
        return
    with urllib.request.urlopen(f"{base}/_cat/indices/{prefix}*?format=json", timeout=30) as answer:
        names = [index["index"] for index in json.load(answer)]
    for name in names:
        urllib.request.urlopen(urllib.request.Request(f"{base}/{name}", method="DELETE"), timeout=30).close()


def _timed(ctx, *args):
    started = time.perf_counter()
    result = ctx.manage(*args, capture=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def run(ctx):
    base_env = ctx.env
    if not base_env.get("DATABASE_URL", "").startswith("postgres") or not base_env.get("AWS_S3_ENDPOINT_URL"):
        raise SystemExit("the backups case needs PostgreSQL and S3 (scripts/services env)")
    client = _s3(base_env)
    vault = f"vt-bench-{RUN}-vault"
    folder = Path(tempfile.mkdtemp(prefix="vt-bench-backups-"))
    rounds = max(2, min(ROUNDS, 3))  # a restore of the large dataset takes minutes
    backups, restores, sizes, objects = [], [], [], []
    try:
        for number in range(rounds):
            backup_env = {
                **base_env,
                "BACKUP_DIR": str(folder / str(number)),
                "BACKUP_BUCKET_NAME": vault,
                "BACKUP_ENCRYPTION_KEY": base_env.get("BACKUP_ENCRYPTION_KEY") or new_key(),
            }
            ctx.env = backup_env
            backups.append(_timed(ctx, "backup"))
            (manifest_path,) = (folder / str(number)).glob("*/manifest.json")
            manifest = json.loads(manifest_path.read_text())
            sizes.append(manifest["database"]["size"] / 1024**2)
            objects.append(manifest["objects"])

            target = f"{base_env['DATABASE_URL'].rpartition('/')[2]}_restore_{RUN}_{number}"
            restore_env = {
                **backup_env,
                "DATABASE_URL": f"{base_env['DATABASE_URL'].rpartition('/')[0]}/{target}",
                "AWS_STORAGE_BUCKET_NAME": f"vt-bench-{RUN}-{number}-media",
                "AWS_PRIVATE_BUCKET_NAME": f"vt-bench-{RUN}-{number}-private",
                "ELASTICSEARCH_INDEX_PREFIX": f"vt-bench-{RUN}-{number}",
            }
            ctx.env = restore_env
            try:
                restores.append(_timed(ctx, "restore", "latest"))
            finally:
                with _admin(base_env) as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
                _remove_bucket(client, restore_env["AWS_STORAGE_BUCKET_NAME"])
                _remove_bucket(client, restore_env["AWS_PRIVATE_BUCKET_NAME"])
                _drop_indexes(base_env, restore_env["ELASTICSEARCH_INDEX_PREFIX"])
    finally:
        ctx.env = base_env
        shutil.rmtree(folder, ignore_errors=True)
        _remove_bucket(client, vault)
    last = objects[-1]
    with psycopg.connect(base_env["DATABASE_URL"]) as db:
        pages = db.execute("SELECT count(*) FROM wagtailcore_page").fetchone()[0]
    return [
        figure_row("backup (first: objects copied)", "time", backups[:1], "s"),
        figure_row("backup (objects already in the vault)", "time", backups[1:], "s"),
        figure_row("restore (pg_restore, copies, checksums, search rebuild)", "time", restores, "s"),
        figure_row("backup database dump (encrypted)", "size", sizes, "MiB"),
        {"case": "backup objects", "metric": "count", "value": last["count"], "unit": "objects"},
        {
            "case": "backup objects",
            "metric": "size",
            "value": round(last["bytes"] / 1024**2, 1),
            "unit": "MiB",
        },
        {"case": "backup dataset", "metric": "pages", "value": pages, "unit": "pages"},
    ]


if __name__ == "__main__":
    raise SystemExit("run through bench/run.py: python bench/run.py [--existing-db NAME] backups")
