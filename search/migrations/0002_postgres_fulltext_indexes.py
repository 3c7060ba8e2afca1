"""PostgreSQL only: one partial GIN index per locale with that locale's text-search configuration.

Migration 0003 replaces these expression indexes with a stored vector column.
Other databases (SQLite in development) get nothing here.
"""

from django.db import migrations

LOCALES = {"ru": "russian", "en": "english"}


def vector(config):
    return (
        f"(setweight(to_tsvector('{config}'::regconfig, search_title), 'A') || "
        f"setweight(to_tsvector('{config}'::regconfig, search_summary), 'B') || "
        f"setweight(to_tsvector('{config}'::regconfig, search_body), 'C'))"
    )


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for locale, config in LOCALES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS search_doc_fts_{locale} ON search_searchdocument "
            f"USING GIN ({vector(config)}) WHERE locale = '{locale}'"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for locale in LOCALES:
        schema_editor.execute(f"DROP INDEX IF EXISTS search_doc_fts_{locale}")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
