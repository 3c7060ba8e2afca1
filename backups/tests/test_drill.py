"""The restore drill, against the real PostgreSQL, S3-compatible server and Elasticsearch.

The demo content (pages, trainers with images, builds, release notes, maintenance notices, fault
reports) plus a subscriber and outbox rows is backed up, encrypted, from the test database and
buckets of its own. Then the source is destroyed (its buckets emptied, its tables flushed), the backup
is restored by ``manage.py restore`` in another process into a database and buckets that did not
exist, and every table's row count and every object's SHA-256 must equal the source's. Last, the
restored copy serves a page and a build download.
"""

import contextlib
import copy
import hashlib
import io
import json
import os
import subprocess
import sys
import urllib.request
import uuid

import boto3
import psycopg
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from backups import crypto

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True), pytest.mark.timeout(1800)]

ROOT = django_settings.BASE_DIR

SERVE_RESTORED = """
import hashlib, json, urllib.request
from django.test import Client
from simulators.models import SimulatorBuild
build = next(b for b in SimulatorBuild.objects.filter(is_public_demo=True) if b.is_downloadable)
client = Client()
page = client.get("/ru/")
download = client.get(f"/ru/builds/{build.pk}/download/")
with urllib.request.urlopen(download["Location"], timeout=30) as answer:
    body = answer.read()
print(json.dumps({
    "page": page.status_code,
    "title": "<title>" in page.content.decode(),
    "download": download.status_code,
    "sha256": hashlib.sha256(body).hexdigest(),
    "expected": build.sha256,
}))
"""


def _s3():
    return boto3.client(
        "s3",
        endpoint_url=os.environ["AWS_S3_ENDPOINT_URL"],
        aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"],
        region_name=os.environ.get("AWS_S3_REGION_NAME", "us-east-1"),
    )


def _objects(client, bucket):
    """``{key: sha256}`` of a bucket, read from the server."""
    found = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            body = client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
            found[item["Key"]] = hashlib.sha256(body).hexdigest()
    return found


def _empty(client, bucket, *, remove=False):
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            client.delete_object(Bucket=bucket, Key=item["Key"])
    if remove:
        client.delete_bucket(Bucket=bucket)


def _connect(dbname, **options):
    """A connection to ``dbname`` on the test database's server, as the test database's user."""
    config = connection.settings_dict
    return psycopg.connect(
        host=config["HOST"],
        port=config["PORT"],
        user=config["USER"],
        password=config["PASSWORD"],
        dbname=dbname,
        **options,
    )


def _row_counts(dbname):
    with _connect(dbname) as db:
        tables = [row[0] for row in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        return {table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}  # noqa: S608


def _drop_database(dbname):
    with _connect("postgres", autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def _drop_indexes(prefix):
    base = os.environ["ELASTICSEARCH_URL"]
    with urllib.request.urlopen(f"{base}/_cat/indices/{prefix}*?format=json", timeout=30) as answer:
        names = [index["index"] for index in json.load(answer)]
    for name in names:
        urllib.request.urlopen(urllib.request.Request(f"{base}/{name}", method="DELETE"), timeout=30).close()


@pytest.fixture
def drill(settings, tmp_path):
    """Buckets and a database name of this run, so parallel runs and other checkouts never collide."""
    run = uuid.uuid4().hex[:10]
    names = {
        "media": f"vt-drill-{run}-media",
        "private": f"vt-drill-{run}-private",
        "vault": f"vt-drill-{run}-vault",
        "restored-media": f"vt-drill-{run}-media2",
        "restored-private": f"vt-drill-{run}-private2",
        "database": f"vt_drill_{run}",
        "index-prefix": f"vt-drill-{run}",
    }
    client = _s3()
    for role in ("media", "private", "vault"):
        client.create_bucket(Bucket=names[role])
    storages = copy.deepcopy(settings.STORAGES)
    storages["default"]["OPTIONS"]["bucket_name"] = names["media"]
    storages["private"]["OPTIONS"] |= {"bucket_name": names["private"], "location": ""}
    settings.STORAGES = storages
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_BUCKET_NAME = names["vault"]
    settings.BACKUP_ENCRYPTION_KEY = crypto.new_key()
    yield names, client
    _drop_database(names["database"])
    _drop_indexes(names["index-prefix"])
    for role in ("media", "private", "vault", "restored-media", "restored-private"):
        with contextlib.suppress(client.exceptions.NoSuchBucket):
            _empty(client, names[role], remove=True)


def _manage(*args, environment):
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_backup_destroy_restore_and_serve(drill, settings):
    from support.notifications.models import OutboxMessage
    from support.status.models import Subscriber

    names, client = drill
    call_command("load_demo", stdout=io.StringIO())
    Subscriber.objects.create(email="drill@example.com", language="en", consent_at=timezone.now())
    OutboxMessage.objects.create(
        channel=OutboxMessage.Channel.EMAIL, recipient="drill@example.com", template="drill", body="drill"
    )
    source_db = connection.settings_dict["NAME"]
    rows = _row_counts(source_db)
    stored = {role: _objects(client, names[role]) for role in ("media", "private")}
    for table in ("support_faultreport", "support_subscriber", "support_outboxmessage"):
        assert rows[table], table
    assert rows["simulators_simulatorbuild"] and rows["wagtailimages_image"]
    assert stored["media"] and stored["private"]

    output = io.StringIO()
    call_command("backup", stdout=output)
    assert "complete" in output.getvalue()

    # Destroy the source: restore may only read the backup.
    for role in ("media", "private"):
        _empty(client, names[role])
    call_command("flush", interactive=False, verbosity=0)

    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{connection.settings_dict['USER']}:{connection.settings_dict['PASSWORD']}"
        f"@{connection.settings_dict['HOST']}:{connection.settings_dict['PORT']}/{names['database']}",
        "AWS_STORAGE_BUCKET_NAME": names["restored-media"],
        "AWS_PRIVATE_BUCKET_NAME": names["restored-private"],
        "ELASTICSEARCH_INDEX_PREFIX": names["index-prefix"],
        "BACKUP_DIR": str(settings.BACKUP_DIR),
        "BACKUP_ENCRYPTION_KEY": settings.BACKUP_ENCRYPTION_KEY,
    }
    restored = _manage("restore", "latest", environment=environment)
    assert "database vt_drill_" in restored and "objects verified" in restored

    assert _row_counts(names["database"]) == rows
    assert {role: _objects(client, names[f"restored-{role}"]) for role in ("media", "private")} == stored

    served = json.loads(
        _manage("shell", "-c", SERVE_RESTORED, environment=environment).strip().splitlines()[-1]
    )
    assert served["page"] == 200 and served["title"]
    assert served["download"] == 302
    assert served["sha256"] == served["expected"]

    refused = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "restore", "latest"],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert refused.returncode == 1 and "is not empty" in refused.stderr
