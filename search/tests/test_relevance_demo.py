"""The demo relevance set (search/relevance/demo.yaml) over the real demo content, per backend.

The goal is recall >= 0.95 in the top 5 for each language; ``manage.py search_relevance`` prints the
same figures and MRR for the configured backend."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from search import relevance
from search.backends.database import DatabaseBackend
from search.backends.elastic import ElasticsearchBackend

GOAL = 0.95


def assert_goal(backend):
    rows = relevance.evaluate(relevance.backend_titles(backend))
    figures = relevance.summary(rows)
    misses = [f"{r['locale']} {r['q']!r}: missing {r['missing']} in {r['top']}" for r in rows if r["missing"]]
    for locale in ("ru", "en"):
        assert figures[locale]["recall"] >= GOAL, f"{backend.name} {figures}\n" + "\n".join(misses)


@pytest.fixture
def demo_content(settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())


@pytest.mark.django_db
def test_demo_relevance_on_the_database_backend(demo_content):
    assert connection.vendor == "sqlite"
    assert_goal(DatabaseBackend())


@pytest.mark.integration
@pytest.mark.django_db
def test_demo_relevance_on_postgresql_and_elasticsearch(demo_content, settings):
    assert connection.vendor == "postgresql"
    assert_goal(DatabaseBackend())
    # Both analysis profiles on the real server: "full" (production's russian/english analyzers, from
    # the test stack's analysis plugin) and "core" (the built-in standard analyzer only).
    for profile in ("full", "core"):
        settings.ELASTICSEARCH_ANALYSIS_PROFILE = profile
        ElasticsearchBackend().rebuild()
        assert_goal(ElasticsearchBackend())
