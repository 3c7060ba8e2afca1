"""PostgreSQL only: a stored document vector, and trigram indexes on titles for suggestions.

Ranking (``ts_rank_cd``) needs the vector of every matching row; with only an expression index it was
recomputed from the text on each query, which dominated search time at 10,000 trainers. The column is
not declared on the model (Django has no portable generated tsvector); ``search.backends.database``
reads it by name. Suggestions match title words by prefix (``LIKE '% word%'``), which only a trigram
index (pg_trgm, a trusted extension) can serve. Other databases (SQLite in development) get nothing here.
"""

from django.db import migrations

LOCALES = {"ru": "russian", "en": "english"}


def vector(config):
    return (
        f"setweight(to_tsvector('{config}'::regconfig, search_title), 'A') || "
        f"setweight(to_tsvector('{config}'::regconfig, search_summary), 'B') || "
        f"setweight(to_tsvector('{config}'::regconfig, search_body), 'C')"
    )


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    cases = " ".join(f"WHEN '{locale}' THEN {vector(config)}" for locale, config in LOCALES.items())
    schema_editor.execute(
        "ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS (CASE locale {cases} ELSE {vector('simple')} END) STORED"
    )
    for locale in LOCALES:
        schema_editor.execute(f"DROP INDEX IF EXISTS search_doc_fts_{locale}")
        schema_editor.execute(
            f"CREATE INDEX search_doc_vector_{locale} ON search_searchdocument "
            f"USING GIN (search_vector) WHERE locale = '{locale}'"
        )
        schema_editor.execute(
            f"CREATE INDEX search_doc_title_trgm_{locale} ON search_searchdocument "
            f"USING GIN (search_title gin_trgm_ops) WHERE locale = '{locale}'"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE search_searchdocument DROP COLUMN search_vector")
    for locale, config in LOCALES.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS search_doc_title_trgm_{locale}")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS search_doc_fts_{locale} ON search_searchdocument "
            f"USING GIN (({vector(config)})) WHERE locale = '{locale}'"
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_fulltext_indexes")]

    operations = [migrations.RunPython(create, drop)]
