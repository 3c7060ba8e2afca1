"""The hostile requests of ``test_hostile_input`` against PostgreSQL, where an id past the bigint range
fails as "bigint out of range" rather than SQLite's OverflowError."""

import pytest
from django.db import connection

from website.tests.test_hostile_input import _server_errors, run_hostile_requests

pytestmark = pytest.mark.integration


def test_no_hostile_request_gets_a_server_error_on_postgresql(demo_site):
    assert connection.vendor == "postgresql"
    answers = run_hostile_requests(demo_site)
    assert len(answers) > 500
    assert _server_errors(answers) == []
