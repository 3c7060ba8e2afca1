"""A database created by the code before the support split migrates to the split apps with every row.

The tree at ``OLD_COMMIT`` (``main`` before the split) is unpacked into a temporary folder; its
``manage.py migrate`` creates a fresh PostgreSQL database and its own code fills it (the site shell, a
trainer, the support demo content, a fault report through the intake service with an attachment, a duty
shift, a subscriber, a working-day exception, a notice update, outbox rows, a support-staff user).
This tree's ``migrate`` then runs on the same database, and the test checks that every ``support_*``
table kept its rows, that the pages load as the new apps' classes and render, that outbox sources
resolve, that content types and permissions carry the new labels, and that the hand-over migration can
be reversed and applied again.

Both trees run as subprocesses with this repository's Python, ``config.settings.dev`` and no services
but PostgreSQL.
"""

import json
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

# Each test runs several ``manage.py`` processes (about a minute each on a busy machine).
pytestmark = [pytest.mark.integration, pytest.mark.timeout(1800)]

OLD_COMMIT = "edfb84c"
REPO = Path(__file__).resolve().parents[2]
MOVED = {
    "notifications": ["outboxmessage"],
    "helpdesk": [
        "referencecounter",
        "supportpage",
        "dutyshift",
        "faultreport",
        "timelineevent",
        "faultattachment",
    ],
    "status": [
        "statuspage",
        "workingdayexception",
        "maintenancenoticepage",
        "maintenanceupdate",
        "noticedispatch",
        "subscriber",
    ],
}

# Runs in the OLD tree (``manage.py shell``): the site shell, a trainer, the support demo (support
# page, status page, three notices) and the operational rows the demo does not make.
OLD_DATA = r"""
import datetime as dt
import io
from catalogue.models import CatalogueIndexPage, SimulatorPage
from support import demo
from website.demo import site_pages
from website.demo.context import DemoContext

ctx = DemoContext(stdout=io.StringIO())
site_pages.load(ctx)
for lang, home in ctx.homes.items():
    index = CatalogueIndexPage(title="Каталог" if lang == "ru" else "Catalogue", slug="catalogue")
    home.add_child(instance=index)
    trainer_page = SimulatorPage(title=f"Trainer {lang}", slug="trainer", summary="s")
    index.add_child(instance=trainer_page)
    trainer_page.save_revision().publish()
demo.load(ctx)
from django.contrib.auth.models import Group
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from support.faults.models import DutyShift
from support.faults.services import submit_report
from support.faults import workflow
from support.maintenance.models import (
    MaintenanceNoticePage, MaintenanceUpdate, Subscriber, WorkingDayException,
)

staff = get_user_model().objects.create_user("duty-engineer", "duty@example.com", "pw-not-used")
staff.groups.add(Group.objects.get(name="Support"))
now = timezone.now()
DutyShift.objects.create(engineer=staff, start=now - dt.timedelta(hours=1), end=now + dt.timedelta(hours=8))
trainer = SimulatorPage.objects.live().filter(locale__language_code="ru").first()
log = SimpleUploadedFile("log.txt", b"trainer log line\n", content_type="text/plain")
report, _token = submit_report(
    full_name="Иванов Иван", uin="UIN-SPLIT-1", phone="+79161234567", email="split@example.com",
    description="Тренажёр не запускается", language="ru", trainer=trainer,
    attachments=[(log, "text/plain")],
)
workflow.apply(report, "review", actor=staff)
submit_report(full_name="John Smith", uin="UIN-SPLIT-2", phone="+79031112233",
              description="The trainer does not start", language="en")
subscriber = Subscriber.objects.create(email="sub@example.com", phone="+79123456789",
                                       all_trainers=False, consent_at=now, email_confirmed_at=now)
subscriber.trainers.add(trainer)
WorkingDayException.objects.create(date=dt.date(2030, 1, 9), is_working=False, note="decree")
notice = MaintenanceNoticePage.objects.live().filter(locale__language_code="ru").first()
MaintenanceUpdate.objects.create(page=notice, kind="note", message="Works go to plan")
notice.trainers.add(trainer)
notice.save_revision().publish()
"""

# Runs in THIS tree after the migration: what the pages, outbox rows and permissions look like.
NEW_CHECKS = r"""
import json
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from wagtail.models import Page
from support.helpdesk.models import FaultReport, SupportPage
from support.notifications.models import OutboxMessage
from support.status.models import MaintenanceNoticePage, StatusPage

client = Client()
pages = []
for page in Page.objects.type(SupportPage, StatusPage, MaintenanceNoticePage).live().specific():
    response = client.get(page.url, HTTP_HOST="localhost")
    pages.append({"class": type(page).__module__ + "." + type(page).__name__, "title": page.title,
                  "status": response.status_code, "revision": page.get_latest_revision_as_object().pk})
sources = [
    {"type": m.source_type.app_label + "." + m.source_type.model,
     "resolved": type(m.source).__name__ if m.source is not None else None}
    for m in OutboxMessage.objects.exclude(source_type=None)
]
staff = get_user_model().objects.get(username="duty-engineer")
print(json.dumps({
    "pages": pages,
    "sources": sources,
    "content_types": sorted(
        [ct.app_label, ct.model] for ct in ContentType.objects.filter(
            app_label__in=["support", "helpdesk", "status", "notifications"])
    ),
    "perms": sorted(p for p in staff.get_all_permissions() if p.split(".")[0] in
                    ("support", "helpdesk", "status", "notifications")),
    "reports": sorted(FaultReport.objects.values_list("reference", flat=True)),
    "report_events": [r.events.count() for r in FaultReport.objects.order_by("pk")],
    "attachments": [a.report.reference for r in FaultReport.objects.all() for a in r.attachments.all()],
}))
"""


def _database_url(name):
    url = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(url._replace(path=f"/{name}"))


def _admin_connection():
    return psycopg.connect(_database_url("postgres"), autocommit=True)


def _env(database_url, tmp):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "ELASTICSEARCH_", "REDIS_", "EMAIL_", "PYTEST_", "VT_"))
        and key != "DJANGO_SETTINGS_MODULE"
    }
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        TASKS_BACKEND="immediate",
        SMS_BACKEND="console",
        SMS_OUTBOX_DIR=str(tmp / "sms"),
        MEDIA_ROOT=str(tmp / "media"),
        PAGE_CACHE_ENABLED="false",
        CACHE_KEY_PREFIX=f"vtsplit-{uuid.uuid4().hex[:8]}",
    )
    env.pop("PYTHONPATH", None)
    return env


def _manage(tree, env, *args, timeout=600):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, (
        f"manage.py {' '.join(args)} in {tree} failed:\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
    )
    return result.stdout


def _counts(database_url):
    with psycopg.connect(database_url) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables "
                "WHERE schemaname = 'public' AND tablename LIKE 'support\\_%' ORDER BY tablename"
            )
        ]
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            for table in tables
        }


def _content_type_ids(database_url):
    with psycopg.connect(database_url) as connection:
        return {
            (app_label, model): ct_id
            for ct_id, app_label, model in connection.execute(
                "SELECT id, app_label, model FROM django_content_type "
                "WHERE app_label IN ('support', 'helpdesk', 'status', 'notifications')"
            )
        }


def _content_types(database_url):
    return set(_content_type_ids(database_url))


def _kept_counts(database_url, before):
    """The row counts of the tables in ``before``: tables added since the split come on top."""
    after = _counts(database_url)
    return {table: after.get(table) for table in before}


def _old_tree(destination):
    commit = f"{OLD_COMMIT}^{{commit}}"
    command = ["git", "-C", str(REPO), "cat-file", "-e", commit]
    check = subprocess.run(command, capture_output=True, check=False)
    if check.returncode != 0:
        pytest.fail(f"commit {OLD_COMMIT} (main before the split) is missing from {REPO}", pytrace=False)
    archive_path = destination.parent / "old.tar"
    command = ["git", "-C", str(REPO), "archive", "--format=tar", f"--output={archive_path}", OLD_COMMIT]
    subprocess.run(command, check=True)
    # tar(1), not tarfile: Python 3.11 before 3.11.4 has no extraction filter, and this archive is
    # our own history.
    destination.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-f", str(archive_path), "-C", str(destination)], check=True)
    return destination


@pytest.fixture
def split_database():
    name = f"vt_split_migration_{uuid.uuid4().hex[:8]}"
    with _admin_connection() as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _database_url(name)
    finally:
        with _admin_connection() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_database_of_the_old_tree_migrates_with_every_row(split_database):
    with tempfile.TemporaryDirectory(prefix="vt-split-") as tmp_name:
        tmp = Path(tmp_name)
        old = _old_tree(tmp / "old")
        env = _env(split_database, tmp)

        _manage(old, env, "migrate", "--noinput", "-v0")
        _manage(old, env, "shell", "-c", OLD_DATA)
        before = _counts(split_database)
        assert _content_types(split_database) == {
            ("support", model) for models in MOVED.values() for model in models
        }

        old_ids = _content_type_ids(split_database)
        _manage(REPO, env, "migrate", "--noinput", "-v0")

        # Every table is still there, with every row.
        assert _kept_counts(split_database, before) == before
        for table in ("faultreport", "timelineevent", "faultattachment", "dutyshift", "referencecounter"):
            assert before[f"support_{table}"] > 0, table
        for table in (
            "outboxmessage",
            "subscriber",
            "subscriber_trainers",
            "maintenancenoticepage",
            "maintenancenoticepage_trainers",
            "maintenanceupdate",
            "noticedispatch",
            "statuspage",
            "supportpage",
            "workingdayexception",
        ):
            assert before[f"support_{table}"] > 0, table
        # The content types carry the new labels, in place (same ids); none is left under "support".
        # Models added to the new apps since the split have content types of their own.
        moved = {(label, model) for label, models in MOVED.items() for model in models}
        ids = {key: ct_id for key, ct_id in _content_type_ids(split_database).items() if key in moved}
        assert set(ids) == moved
        assert {model: ct_id for (_label, model), ct_id in ids.items()} == {
            model: ct_id for (_label, model), ct_id in old_ids.items()
        }

        found = json.loads(_manage(REPO, env, "shell", "-c", NEW_CHECKS).strip().splitlines()[-1])
        classes = {page["class"] for page in found["pages"]}
        assert classes == {
            "support.helpdesk.models.pages.SupportPage",
            "support.status.models.status_page.StatusPage",
            "support.status.models.notices.MaintenanceNoticePage",
        }
        page_rows = ("support_supportpage", "support_statuspage", "support_maintenancenoticepage")
        assert len(found["pages"]) == sum(before[table] for table in page_rows)
        assert all(page["status"] == 200 for page in found["pages"]), found["pages"]
        report_source = {"type": "helpdesk.faultreport", "resolved": "FaultReport"}
        assert found["sources"], "the old code wrote outbox rows about reports"
        assert all(source == report_source for source in found["sources"]), found["sources"]
        assert len(found["reports"]) == before["support_faultreport"] == 2
        assert sum(found["report_events"]) == before["support_timelineevent"]
        assert len(found["attachments"]) == before["support_faultattachment"] == 1
        # The "Support" group's permissions followed their content types.
        assert {
            "helpdesk.view_faultreport",
            "helpdesk.change_faultreport",
            "helpdesk.view_dutyshift",
            "helpdesk.add_dutyshift",
            "helpdesk.change_dutyshift",
            "helpdesk.delete_dutyshift",
            "notifications.view_outboxmessage",
        } <= set(found["perms"])
        assert not [perm for perm in found["perms"] if perm.startswith("support.")]

        # The hand-over is reversible: the very rows go back to "support". (``migrate``'s post_migrate
        # then creates empty rows for the installed apps' labels, as Django always does.)
        _manage(REPO, env, "migrate", "support", "0005_outbox_created_at_db_default", "--noinput", "-v0")
        assert {
            model: ct_id
            for (label, model), ct_id in _content_type_ids(split_database).items()
            if label == "support"
        } == {model: ct_id for (_label, model), ct_id in ids.items()}
        assert _kept_counts(split_database, before) == before
        # Applied again, it meets those new rows: the references move onto them, nothing is lost.
        _manage(REPO, env, "migrate", "--noinput", "-v0")
        types = _content_types(split_database)
        assert moved <= types and not {key for key in types if key[0] == "support"}
        assert _kept_counts(split_database, before) == before
        again = json.loads(_manage(REPO, env, "shell", "-c", NEW_CHECKS).strip().splitlines()[-1])
        assert again == found


def test_a_content_type_already_made_for_a_new_label_is_merged(split_database):
    """A ``helpdesk.faultreport`` row (with its permissions) that exists before the hand-over, e.g. from a
    ``post_migrate`` of a partial run, takes over the references of the old row, which is deleted."""
    with tempfile.TemporaryDirectory(prefix="vt-split-") as tmp_name:
        tmp = Path(tmp_name)
        env = _env(split_database, tmp)
        _manage(REPO, env, "migrate", "support", "0005_outbox_created_at_db_default", "--noinput", "-v0")
        with psycopg.connect(split_database) as connection:
            old_id = connection.execute(
                "SELECT id FROM django_content_type WHERE app_label = 'support' AND model = 'faultreport'"
            ).fetchone()[0]
            # ``migrate``'s post_migrate has already made the row (and its permissions) for the installed
            # helpdesk app; make sure of it either way.
            connection.execute(
                "INSERT INTO django_content_type (app_label, model) VALUES ('helpdesk', 'faultreport') "
                "ON CONFLICT DO NOTHING"
            )
            new_id = connection.execute(
                "SELECT id FROM django_content_type WHERE app_label = 'helpdesk' AND model = 'faultreport'"
            ).fetchone()[0]
            connection.execute(
                "INSERT INTO auth_permission (name, content_type_id, codename) "
                "VALUES ('Can view fault report', %s, 'view_faultreport') ON CONFLICT DO NOTHING",
                [new_id],
            )
            connection.execute(
                "INSERT INTO support_outboxmessage (channel, recipient, language, template, context, "
                "subject, body, status, attempts, next_attempt_at, last_error, source_type_id, source_id) "
                "VALUES "
                "('sms', '+79161234567', 'ru', 'message', '{}', '', 'x', 'sent', 1, now(), '', %s, '1')",
                [old_id],
            )
        _manage(REPO, env, "migrate", "--noinput", "-v0")
        with psycopg.connect(split_database) as connection:
            assert connection.execute(
                "SELECT count(*) FROM django_content_type WHERE app_label = 'support'"
            ).fetchone() == (0,)
            sources = connection.execute("SELECT source_type_id FROM support_outboxmessage").fetchall()
            assert sources == [(new_id,)]
            group_perms = {
                row[0]
                for row in connection.execute(
                    "SELECT ct.app_label || '.' || p.codename FROM auth_group g "
                    "JOIN auth_group_permissions gp ON gp.group_id = g.id "
                    "JOIN auth_permission p ON p.id = gp.permission_id "
                    "JOIN django_content_type ct ON ct.id = p.content_type_id WHERE g.name = 'Support'"
                )
            }
        assert {"helpdesk.view_faultreport", "helpdesk.change_faultreport"} <= group_perms
