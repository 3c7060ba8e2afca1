"""The database part of a backup: ``pg_dump`` custom format on PostgreSQL, SQLite's online backup API
on the embedded default, and the migration state the dump was taken at."""

import contextlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import psycopg
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder


class DatabaseError(Exception):
    """A dump or a restore could not be made; the message says why."""


def vendor(alias=DEFAULT_DB_ALIAS):
    vendor = connections[alias].vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise DatabaseError(f"backups support PostgreSQL and SQLite, not {vendor}")
    return vendor


def dump_name(alias=DEFAULT_DB_ALIAS):
    return "database.dump" if vendor(alias) == "postgresql" else "database.sqlite3"


def pg_tool(name):
    """``pg_dump`` or ``pg_restore``: from BACKUP_PG_BIN_DIR, else Debian's newest server version (a
    client may dump an older server, not a newer one), else the PATH."""
    if settings.BACKUP_PG_BIN_DIR:
        candidates = [Path(settings.BACKUP_PG_BIN_DIR) / name]
    else:
        versions = sorted(
            Path("/usr/lib/postgresql").glob("*/bin"),
            key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
            reverse=True,
        )
        candidates = [path / name for path in versions]
        if found := shutil.which(name):
            candidates.append(Path(found))
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise DatabaseError(f"{name} not found: install PostgreSQL's client tools or set BACKUP_PG_BIN_DIR")


def _pg_environment(config):
    """libpq's variables for the connection settings, so the password never shows in a process list."""
    environment = dict(os.environ)
    for variable, value in (
        ("PGHOST", config.get("HOST")),
        ("PGPORT", str(config.get("PORT") or "")),
        ("PGUSER", config.get("USER")),
        ("PGPASSWORD", config.get("PASSWORD")),
        ("PGSSLMODE", config.get("OPTIONS", {}).get("sslmode")),
    ):
        if value:
            environment[variable] = value
    return environment


def _run(command, config):
    # The command is pg_dump/pg_restore found by pg_tool with arguments from the settings, no shell.
    result = subprocess.run(  # noqa: S603
        command, env=_pg_environment(config), capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise DatabaseError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-2000:]}")


def dump(target, alias=DEFAULT_DB_ALIAS):
    """Write a consistent copy of the database into ``target`` (a path)."""
    connection = connections[alias]
    if vendor(alias) == "postgresql":
        # pg_dump reads one snapshot: the dump is consistent while the site keeps writing.
        config = connection.settings_dict
        _run(
            [
                pg_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(target),
                config["NAME"],
            ],
            config,
        )
        return
    connection.ensure_connection()
    # SQLite's online backup API copies a consistent state, also of a database in use.
    with contextlib.closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)


def table_names(alias=DEFAULT_DB_ALIAS):
    with connections[alias].cursor() as cursor:
        return connections[alias].introspection.table_names(cursor)


def ensure_database(alias=DEFAULT_DB_ALIAS):
    """Create the configured PostgreSQL database when it does not exist yet (a fresh target)."""
    config = connections[alias].settings_dict
    if vendor(alias) != "postgresql":
        return False
    params = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "dbname": "postgres",
    }
    with psycopg.connect(**params, autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone():
            return False
        admin.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(config["NAME"])))
    return True


def restore(source, *, replace, alias=DEFAULT_DB_ALIAS):
    """Load the dump ``source`` into the configured database (emptiness is the caller's check)."""
    connection = connections[alias]
    connection.close()
    if vendor(alias) == "postgresql":
        config = connection.settings_dict
        command = [pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error"]
        if replace:
            command += ["--clean", "--if-exists"]
        _run([*command, "--dbname", config["NAME"], str(source)], config)
        return
    connection.ensure_connection()
    with contextlib.closing(sqlite3.connect(source)) as dump_file:
        dump_file.backup(connection.connection)


def migration_state(alias=DEFAULT_DB_ALIAS):
    """``{app: [migration, ...]}`` applied in the database."""
    applied = {}
    for app, name in sorted(MigrationRecorder(connections[alias]).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def unknown_migrations(applied):
    """Migrations of a backup that this code does not have: the backup is newer than the code."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return sorted(
        f"{app}.{name}" for app, names in applied.items() for name in names if (app, name) not in known
    )
