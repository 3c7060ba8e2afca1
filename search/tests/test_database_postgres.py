"""The database backend's PostgreSQL path (stored vector, counts and the page's hits in one statement)
runs the same behaviour checks and the relevance set as the SQLite unit tests, against the real server."""

import pytest
from django.db import connection

from search.tests import test_database_backend as cases
from search.tests import test_relevance

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    "case",
    [
        cases.test_results_are_grouped_by_type_with_counts,
        cases.test_type_filter_limits_hits_but_keeps_all_type_counts,
        cases.test_facet_counts_and_filter,
        cases.test_snippets_are_highlighted_and_escaped,
        cases.test_pagination,
        cases.test_locales_are_separate,
        cases.test_typo_is_corrected_from_the_vocabulary,
        cases.test_typo_correction_knows_a_word_right_after_indexing,
        cases.test_suggest_completes_titles,
        test_relevance.test_relevance_database,
    ],
    ids=lambda case: case.__name__.removeprefix("test_"),
)
def test_database_backend_on_postgresql(case, search_content, settings):
    assert connection.vendor == "postgresql"
    settings.ELASTICSEARCH_URL = ""
    case(search_content)
