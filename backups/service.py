"""Making, pruning and restoring backups; the commands ``backup`` and ``restore`` drive these.

A backup is a folder of ``BACKUP_DIR`` named by its UTC start time. It holds the database dump, the
inventory of the stored objects (``objects.json``) and ``manifest.json``, which ties them together:
the code version, the migrations applied, the files' sizes and SHA-256, the vault holding the
objects' copies and the encryption. The folder is written as ``<id>.partial`` and renamed when
complete, so a folder without that suffix is always a whole backup.

The database is dumped first, then the objects are listed: every object a row of the dump refers to
was stored before the dump began, so it is in the inventory.
"""

import contextlib
import fcntl
import hashlib
import json
import shutil
import subprocess
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from botocore.exceptions import ClientError
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from core.cache import invalidate

from . import crypto, database, objects, retention

FORMAT = 1
PARTIAL = ".partial"
PROGRESS_EVERY_SECONDS = 5


class BackupError(Exception):
    """A backup or restore stopped; the message tells the operator why and what to do."""


class BackupBusy(BackupError):
    """Another backup holds BACKUP_DIR."""


def _file_sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(objects.CHUNK_SIZE), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _key():
    if not settings.BACKUP_ENCRYPTION_KEY:
        return None
    try:
        return crypto.parse_key(settings.BACKUP_ENCRYPTION_KEY)
    except crypto.BackupKeyError as error:
        raise BackupError(str(error)) from error


def code_version():
    """``git describe`` of a checkout, else the VT_VERSION setting (the image's)."""
    if (settings.BASE_DIR / ".git").exists():
        # A fixed git command on the checkout's folder, no shell.
        result = subprocess.run(  # noqa: S603
            ["git", "-C", str(settings.BASE_DIR), "describe", "--always", "--dirty", "--tags"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode == 0:
            return result.stdout.strip()
    return settings.VT_VERSION or "unknown"


def _human(size):
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} TiB"


class _Progress:
    """Progress lines for a long loop: one every few seconds, and the last one."""

    def __init__(self, write, label, total):
        self.write, self.label, self.total = write, label, total
        self.done = self.bytes = 0
        self.started = self.shown = time.monotonic()

    def step(self, size):
        self.done += 1
        self.bytes += size
        now = time.monotonic()
        if now - self.shown >= PROGRESS_EVERY_SECONDS or self.done == self.total:
            self.shown = now
            self.write(
                f"{self.label}: {self.done}/{self.total} objects, {_human(self.bytes)} "
                f"({now - self.started:.1f} s)"
            )


# Reading backups ------------------------------------------------------------------------------------


def backup_folders():
    """``{moment: folder}`` of the complete backups in BACKUP_DIR."""
    root = Path(settings.BACKUP_DIR)
    found = {}
    if root.is_dir():
        for folder in root.iterdir():
            moment = retention.parse_id(folder.name)
            if moment and (folder / "manifest.json").is_file():
                found[moment] = folder
    return found


def resolve(name):
    """A backup folder named by path or by id (``latest``: the newest)."""
    if name == "latest":
        folders = backup_folders()
        if not folders:
            raise BackupError(f"no backup in {settings.BACKUP_DIR}")
        return folders[max(folders)]
    folder = Path(name)
    if not folder.is_dir():
        folder = Path(settings.BACKUP_DIR) / name
    if not (folder / "manifest.json").is_file():
        raise BackupError(f"{name} is not a backup (no manifest.json)")
    return folder


def read_manifest(folder):
    try:
        manifest = json.loads((Path(folder) / "manifest.json").read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder}: the manifest cannot be read ({error})") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{folder}: not a backup manifest of format {FORMAT}")
    return manifest


def _open_file(folder, record, key, scratch):
    """The plain path of a file of the backup: checked against the manifest, decrypted if needed."""
    path = Path(folder) / record["file"]
    if not path.is_file():
        raise BackupError(f"{path} is missing")
    if _file_sha256(path) != record["sha256"]:
        raise BackupError(f"{path} is damaged: its SHA-256 differs from the manifest's")
    if not record.get("encrypted"):
        return path
    if key is None:
        raise BackupError(f"{path} is encrypted: set BACKUP_ENCRYPTION_KEY to the backup's key")
    plain = Path(scratch) / path.name.removesuffix(".enc")
    try:
        crypto.decrypt_file(key, path, plain)
    except crypto.BackupKeyError as error:
        raise BackupError(str(error)) from error
    return plain


def read_inventory(folder, key=None):
    manifest = read_manifest(folder)
    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        return json.loads(_open_file(folder, manifest["objects"], key, scratch).read_text())


# Making a backup ------------------------------------------------------------------------------------


def _previous_hashes():
    """``{(area, key, size, etag): sha256}`` from the newest readable inventory: unchanged objects are
    not read again."""
    folders = backup_folders()
    for moment in sorted(folders, reverse=True):
        try:
            inventory = read_inventory(folders[moment], _key())
        except (BackupError, OSError, ValueError):
            continue
        return {
            (area, entry["key"], entry["size"], entry["etag"]): entry["sha256"]
            for area, entries in inventory.items()
            for entry in entries
        }
    return {}


def _inventory(write):
    vault = objects.backup_vault()
    vault.ensure()
    in_vault = objects.vault_contents(vault)
    known = _previous_hashes()
    areas = objects.storage_areas()
    listings = {area.name: list(area.listing()) for area in areas}
    progress = _Progress(write, "objects", sum(len(listing) for listing in listings.values()))
    inventory, copied, vanished = {}, 0, []
    for area in areas:
        versioned = area.versioned()
        entries = inventory.setdefault(area.name, [])
        for key, size, etag in listings[area.name]:
            progress.step(size)
            try:
                sha256 = known.get((area.name, key, size, etag)) or area.sha256(key)
                entry = {"key": key, "size": size, "etag": etag, "sha256": sha256}
                if versioned:
                    # The bucket keeps this version; the backup only needs its id.
                    entry |= {
                        "version_id": objects.latest_version(area, key),
                        "bucket": area.bucket,
                        "source_key": area.prefix + key,
                    }
                elif sha256 not in in_vault:
                    objects.store_copy(vault, area, key, sha256)
                    in_vault.add(sha256)
                    copied += 1
            except (OSError, ClientError) as error:
                if not objects.vanished(error):
                    raise
                # Deleted since it was listed, so after the dump began: no row of the dump needs it
                # unless the row was deleted too.
                vanished.append(f"{area.name}:{key}")
                continue
            entries.append(entry)
    if vanished:
        write(f"objects: {len(vanished)} deleted while the backup ran, left out ({', '.join(vanished[:5])})")
    return inventory, vault, copied, len(vanished)


def _seal(path, key):
    """``{file, size, sha256, encrypted}`` of a backup file, encrypted in place when a key is set."""
    if key is not None:
        sealed = path.with_name(path.name + ".enc")
        crypto.encrypt_file(key, path, sealed)
        path.unlink()
        path = sealed
    return {
        "file": path.name,
        "size": path.stat().st_size,
        "sha256": _file_sha256(path),
        "encrypted": key is not None,
    }


@contextlib.contextmanager
def _only_run(root):
    """Hold BACKUP_DIR's lock: one backup at a time, whoever starts it (scheduler or operator)."""
    with open(root / ".lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise BackupBusy(f"another backup is being written into {root}") from error
        yield


def make_backup(write):
    """Write a new backup and prune old ones; returns its folder."""
    key = _key()
    root = Path(settings.BACKUP_DIR)
    root.mkdir(parents=True, exist_ok=True)
    with _only_run(root):
        return _make_backup(write, key, root)


def _make_backup(write, key, root):
    started = datetime.now(UTC)
    backup_id = retention.new_id(started)
    folder = root / (backup_id + PARTIAL)
    folder.mkdir()
    try:
        write(f"backup {backup_id} into {root}")
        migrations = database.migration_state()
        clock = time.monotonic()
        dump_path = folder / database.dump_name()
        database.dump(dump_path)
        size = _human(dump_path.stat().st_size)
        write(f"database: {connection.vendor} dump, {size} ({time.monotonic() - clock:.1f} s)")
        dump_record = _seal(dump_path, key)

        inventory, vault, copied, vanished = _inventory(write)
        inventory_path = folder / "objects.json"
        inventory_path.write_text(json.dumps(inventory, indent=1, sort_keys=True))
        objects_record = _seal(inventory_path, key) | {
            "count": sum(len(entries) for entries in inventory.values()),
            "bytes": sum(entry["size"] for entries in inventory.values() for entry in entries),
            "vanished": vanished,
            "copied": copied,
            "vault": objects.vault_description(vault),
        }
        write(f"objects: {objects_record['count']} inventoried, {copied} copied to {vault.describe()}")

        manifest = {
            "format": FORMAT,
            "id": backup_id,
            "started_at": started.isoformat(),
            "finished_at": datetime.now(UTC).isoformat(),
            "code_version": code_version(),
            "database": dump_record | {"vendor": connection.vendor, "migrations": migrations},
            "objects": objects_record,
            "encryption": {"algorithm": crypto.ALGORITHM, "key_id": crypto.key_id(key)} if key else None,
        }
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
        complete = folder.rename(root / backup_id)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    write(f"backup {backup_id} complete ({(datetime.now(UTC) - started).total_seconds():.1f} s)")
    prune(write)
    return complete


def is_due():
    folders = backup_folders()
    if not folders:
        return True
    return datetime.now(UTC) - max(folders) >= timedelta(hours=settings.BACKUP_INTERVAL_HOURS)


def prune(write):
    """Delete the backups the retention policy no longer keeps, then the vault's copies that no kept
    backup lists."""
    folders = backup_folders()
    keep = retention.kept(
        folders,
        daily=settings.BACKUP_KEEP_DAILY,
        weekly=settings.BACKUP_KEEP_WEEKLY,
        monthly=settings.BACKUP_KEEP_MONTHLY,
    )
    for moment in sorted(set(folders) - keep):
        shutil.rmtree(folders[moment])
        write(f"pruned backup {folders[moment].name}")
    root = Path(settings.BACKUP_DIR)
    for partial in root.glob(f"*{PARTIAL}"):
        moment = retention.parse_id(partial.name.removesuffix(PARTIAL))
        if moment and datetime.now(UTC) - moment > timedelta(days=1):
            shutil.rmtree(partial)  # left by a run that crashed
            write(f"removed unfinished backup {partial.name}")
    if list(root.glob(f"*{PARTIAL}")):
        write("vault not pruned: a backup is being written")
        return
    referenced, vaults = set(), {}
    for moment in keep:
        try:
            inventory = read_inventory(folders[moment], _key())
        except (BackupError, OSError, ValueError) as error:
            write(f"vault not pruned: {folders[moment].name} cannot be read ({error})")
            return
        vault = read_manifest(folders[moment])["objects"]["vault"]
        vaults[json.dumps(vault, sort_keys=True)] = vault
        referenced |= {entry["sha256"] for entries in inventory.values() for entry in entries}
    for description in vaults.values():
        vault = objects.backup_vault(description)
        unused = objects.vault_contents(vault) - referenced
        objects.delete_from_vault(vault, unused)
        if unused:
            write(f"pruned {len(unused)} copies from {vault.describe()}")


# Restoring ------------------------------------------------------------------------------------------


def restore_backup(name, *, force, write):
    """Rebuild the configured database and storages from a backup; refuses non-empty targets unless
    ``force``. Returns the manifest."""
    folder = resolve(name)
    manifest = read_manifest(folder)
    key = _key()
    encryption = manifest.get("encryption")
    if encryption and key is not None and crypto.key_id(key) != encryption["key_id"]:
        raise BackupError(
            f"{folder.name} was encrypted with key {encryption['key_id']}, not the configured one"
        )
    if manifest["database"]["vendor"] != database.vendor():
        raise BackupError(
            f"{folder.name} holds a {manifest['database']['vendor']} database, "
            f"the target is {database.vendor()}"
        )
    write(f"restore {folder.name} (code {manifest['code_version']}) into {connection.settings_dict['NAME']}")
    newer = database.unknown_migrations(manifest["database"]["migrations"])
    if newer and not force:
        raise BackupError(
            f"the backup has migrations this code lacks ({', '.join(newer[:5])}): "
            f"deploy its code version {manifest['code_version']}"
        )

    if database.ensure_database():
        write(f"database {connection.settings_dict['NAME']} created")
    areas = {area.name: area for area in objects.storage_areas()}
    for area in areas.values():
        area.ensure()
    if not force:
        if tables := database.table_names():
            raise BackupError(
                f"the database is not empty ({len(tables)} tables): "
                "restore into an empty one, or pass --force"
            )
        for area in areas.values():
            if next(iter(area.listing()), None):
                raise BackupError(
                    f"{area.describe()} is not empty: restore into an empty one, or pass --force"
                )

    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        inventory = json.loads(_open_file(folder, manifest["objects"], key, scratch).read_text())
        dump_path = _open_file(folder, manifest["database"], key, scratch)
        clock = time.monotonic()
        database.restore(dump_path, replace=force)
        write(f"database: restored ({time.monotonic() - clock:.1f} s)")

    vault = objects.backup_vault(manifest["objects"]["vault"], folder)
    total = sum(len(entries) for entries in inventory.values())
    progress = _Progress(write, "objects copied back", total)
    for area_name, entries in inventory.items():
        for entry in entries:
            objects.restore_copy(vault, areas[area_name], entry)
            progress.step(entry["size"])
    progress = _Progress(write, "objects verified", total)
    damaged = []
    for area_name, entries in inventory.items():
        for entry in entries:
            if areas[area_name].sha256(entry["key"]) != entry["sha256"]:
                damaged.append(f"{area_name}:{entry['key']}")
            progress.step(entry["size"])
    if damaged:
        raise BackupError(
            f"{len(damaged)} restored objects differ from the backup: {', '.join(damaged[:10])}"
        )

    # The code may be newer than the backup: bring the schema up to it.
    call_command("migrate", interactive=False, verbosity=0)
    clock = time.monotonic()
    call_command("search_index", "rebuild", stdout=_Lines(write))
    write(f"search indexes rebuilt ({time.monotonic() - clock:.1f} s)")
    invalidate()
    write(f"restore {folder.name} complete")
    return manifest


class _Lines:
    """A file-like target for a command's output that hands each line on."""

    def __init__(self, write):
        self._write = write

    def write(self, text):
        for line in text.splitlines():
            if line.strip():
                self._write(line)

    def flush(self):
        pass
