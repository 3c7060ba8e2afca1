"""Backup and restore on the fast tier: SQLite's online backup API and local storages."""

import fcntl
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from backups import crypto, objects, service

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def stores(settings, tmp_path):
    """Local media and private storages of this test, and BACKUP_DIR beside them."""

    def point(name):
        media, private = tmp_path / name / "media", tmp_path / name / "private"
        media.mkdir(parents=True, exist_ok=True)
        private.mkdir(parents=True, exist_ok=True)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(media)},
            },
            "private": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(private)},
            },
        }
        return media, private

    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_ENCRYPTION_KEY = ""
    point.source = point("source")
    return point


def _backup(**options):
    call_command("backup", stdout=(out := _Out()), **options)
    return out


class _Out(io.StringIO):
    def text(self):
        return self.getvalue()


def _latest_in(root):
    return sorted(p for p in root.iterdir() if p.name[0].isdigit())[-1]


def _latest(settings):
    return _latest_in(settings.BACKUP_DIR)


def test_backup_writes_dump_inventory_and_copies(stores, settings):
    media, private = stores.source
    (media / "images").mkdir()
    (media / "images" / "a.png").write_bytes(b"png" * 100)
    (private / "builds").mkdir()
    (private / "builds" / "b.zip").write_bytes(b"zip" * 100)
    (private / "builds" / "same.zip").write_bytes(b"zip" * 100)
    get_user_model().objects.create(username="kept")

    output = _backup().text()

    folder = _latest(settings)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == "sqlite"
    assert "0001_initial" in manifest["database"]["migrations"]["auth"]
    assert manifest["code_version"] and manifest["encryption"] is None
    assert manifest["objects"] | {"vault": None} == manifest["objects"] | {
        "count": 3,
        "bytes": 900,
        "copied": 2,  # the two builds have the same content: one copy
        "vault": None,
    }
    inventory = json.loads((folder / "objects.json").read_text())
    assert sorted(e["key"] for e in inventory["private"]) == ["builds/b.zip", "builds/same.zip"]
    assert [e["key"] for e in inventory["media"]] == ["images/a.png"]
    assert len(list((settings.BACKUP_DIR / "objects").rglob("*"))) == 4  # two folders, two copies
    assert "objects: 3/3 objects" in output and "complete" in output


def test_encrypted_backup_records_its_key_and_hides_the_dump(stores, settings):
    settings.BACKUP_ENCRYPTION_KEY = crypto.new_key()
    get_user_model().objects.create(username="secret-holder")
    _backup()
    folder = _latest(settings)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["encryption"]["key_id"] == crypto.key_id(crypto.parse_key(settings.BACKUP_ENCRYPTION_KEY))
    assert sorted(p.name for p in folder.iterdir()) == [
        "database.sqlite3.enc",
        "manifest.json",
        "objects.json.enc",
    ]
    assert b"secret-holder" not in (folder / "database.sqlite3.enc").read_bytes()
    assert service.read_inventory(folder, crypto.parse_key(settings.BACKUP_ENCRYPTION_KEY)) == {
        "media": [],
        "private": [],
    }
    settings.BACKUP_ENCRYPTION_KEY = crypto.new_key()
    with pytest.raises(CommandError, match="encrypted with key"):
        call_command("restore", "latest", "--force", stdout=_Out())


def test_restore_refuses_a_database_that_is_not_empty(stores):
    _backup()
    with pytest.raises(CommandError, match="database is not empty"):
        call_command("restore", "latest", stdout=_Out())


def test_restore_refuses_what_is_not_a_backup(stores, tmp_path):
    with pytest.raises(CommandError, match="not a backup"):
        call_command("restore", str(tmp_path), stdout=_Out())
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(CommandError, match="manifest cannot be read"):
        call_command("restore", str(tmp_path), stdout=_Out())
    (tmp_path / "manifest.json").write_text("[]")
    with pytest.raises(CommandError, match="not a backup manifest"):
        call_command("restore", str(tmp_path), stdout=_Out())


def test_forced_restore_brings_back_rows_and_objects(stores, settings):
    media, _private = stores.source
    (media / "doc.pdf").write_bytes(b"%PDF" * 50)
    get_user_model().objects.create(username="before")
    _backup()
    get_user_model().objects.filter(username="before").delete()
    get_user_model().objects.create(username="after")
    target_media, _target_private = stores("target")
    # The backups were carried to another disk: the vault is found beside them.
    moved = settings.BACKUP_DIR.rename(settings.BACKUP_DIR.with_name("moved"))

    output = _Out()
    call_command("restore", str(_latest_in(moved)), "--force", stdout=output)

    assert list(get_user_model().objects.values_list("username", flat=True)) == ["before"]
    assert (target_media / "doc.pdf").read_bytes() == b"%PDF" * 50
    assert "objects verified: 1/1" in output.text() and "search indexes rebuilt" in output.text()


def test_retention_prunes_backups_and_unused_copies(stores, settings):
    settings.BACKUP_KEEP_DAILY, settings.BACKUP_KEEP_WEEKLY, settings.BACKUP_KEEP_MONTHLY = 2, 0, 0
    media, _private = stores.source
    start = datetime(2026, 3, 2, 1, tzinfo=UTC)
    for day in range(3):
        (media / f"day{day}.txt").write_text(f"only on day {day}")
        if day:
            (media / f"day{day - 1}.txt").unlink()
        with time_machine.travel(start + timedelta(days=day), tick=False):
            _backup()
    assert sorted(p.name for p in settings.BACKUP_DIR.iterdir()) == [
        ".lock",
        "20260303T010000Z",
        "20260304T010000Z",
        "objects",
    ]
    # day0's file is in no kept backup any more: its copy is gone.
    assert len([p for p in (settings.BACKUP_DIR / "objects").rglob("*") if p.is_file()]) == 2


def test_if_due_skips_a_recent_backup(stores, settings):
    _backup()
    assert "not due" in _backup(if_due=True).text()
    with time_machine.travel(datetime.now(UTC) + timedelta(hours=settings.BACKUP_INTERVAL_HOURS, seconds=5)):
        assert "complete" in _backup(if_due=True).text()


def test_an_object_deleted_while_listed_is_left_out(stores, settings, monkeypatch):
    media, _private = stores.source
    (media / "kept.txt").write_text("kept")
    listing = objects.LocalArea.listing

    def listing_with_a_ghost(area):
        yield from listing(area)
        if area.name == "media":
            yield "deleted-meanwhile.txt", 4, "0"

    monkeypatch.setattr(objects.LocalArea, "listing", listing_with_a_ghost)
    output = _backup().text()
    manifest = json.loads((_latest(settings) / "manifest.json").read_text())
    assert manifest["objects"]["count"] == 1 and manifest["objects"]["vanished"] == 1
    assert "1 deleted while the backup ran" in output


def test_one_backup_at_a_time(stores, settings):
    settings.BACKUP_DIR.mkdir()
    with open(settings.BACKUP_DIR / ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(CommandError, match="another backup"):
            _backup()
        # The scheduler's call while a long backup runs is not a failure.
        assert "another backup" in _backup(if_due=True).text()
    assert not [p for p in settings.BACKUP_DIR.iterdir() if p.name[0].isdigit()]


def test_a_damaged_dump_is_refused_before_anything_is_written(stores, settings):
    get_user_model().objects.create(username="still-here")
    _backup()
    dump = _latest(settings) / "database.sqlite3"
    dump.write_bytes(dump.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", "latest", "--force", stdout=_Out())
    assert get_user_model().objects.filter(username="still-here").exists()
