"""Schemathesis over every operation of ``/api/schema/``: requests generated from the schema (valid ones
and schema-violating ones), anonymous and as a signed-in superuser, never get a server error or a status
the schema does not document, errors come in the documented JSON shape, a rejected request stores
nothing, and an accepted fault report stores the report with its acknowledgement."""

import json
from collections import Counter
from urllib.parse import urlencode

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from simulators.models import SimulatorBuild
from support.helpdesk.models import FaultReport
from support.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

SCHEMA_DICT = json.loads(
    OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True))
)
SCHEMA = schemathesis.openapi.from_dict(SCHEMA_DICT)
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
STATUSES = Counter()
# Rows a request may create; a refused request creates none of them.
WATCHED = (FaultReport, OutboxMessage, SimulatorBuild)


def _rows():
    return tuple(model.objects.count() for model in WATCHED)


def _label(operation):
    return f"{operation.method.upper()} {operation.path}"


def _documented(operation):
    return SCHEMA_DICT["paths"][operation.path][operation.method.lower()]["responses"]


@pytest.fixture
def signed_in(client):
    user = get_user_model().objects.create_superuser("schema-admin", "admin@example.com", "pw")
    client.force_login(user)
    return client


def _send(client, case):
    body = case.body if isinstance(case.body, (dict, list, str, int, float, bool)) else None
    return client.generic(
        case.method.upper(),
        case.formatted_path,
        data=json.dumps(body) if body is not None else "",
        content_type="application/json",
        QUERY_STRING=urlencode(case.query or {}, doseq=True),
        HTTP_ACCEPT_LANGUAGE="ru",
    )


def _check(operation, case, response, before):
    label = _label(operation)
    STATUSES[f"{label} {response.status_code}"] += 1
    assert response.status_code < 500, (label, response.content[:300])
    documented = _documented(operation)
    assert str(response.status_code) in documented, (label, response.status_code, response.content[:300])
    expected_types = documented[str(response.status_code)].get("content", {}).keys()
    if expected_types:
        assert response["Content-Type"].split(";")[0] in expected_types, (label, response["Content-Type"])
    if response.status_code >= 400:
        assert set(response.json()["error"]) == {"status", "message", "fields"}, response.content[:300]
        assert _rows() == before, (label, response.status_code)
    if label == "POST /api/v1/support/fault-reports" and response.status_code == 201:
        after = _rows()
        assert after[0] == before[0] + 1 and after[1] > before[1]


def _strategy(operation):
    return operation.as_strategy(generation_mode=GenerationMode.POSITIVE) | operation.as_strategy(
        generation_mode=GenerationMode.NEGATIVE
    )


SIGNED_IN_OPERATIONS = [operation for operation in OPERATIONS if "403" in _documented(operation)]
# Every operation anonymously; those that need a session again as a superuser.
CALLS = [("anonymous", op) for op in OPERATIONS] + [("signed_in", op) for op in SIGNED_IN_OPERATIONS]


@pytest.mark.parametrize(
    ("who", "operation"), CALLS, ids=lambda value: value if isinstance(value, str) else _label(value)
)
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_operation_against_its_schema(request, who, operation, data):
    caller = request.getfixturevalue("signed_in" if who == "signed_in" else "client")
    case = data.draw(_strategy(operation))
    before = _rows()
    _check(operation, case, _send(caller, case), before)


def test_schemathesis_covers_every_operation(capsys):
    """The tests above take every operation of the schema; prints the cases sent per operation and
    status by this process (all of them when the file runs without xdist)."""
    in_schema = {f"{method.upper()} {path}" for path, item in SCHEMA_DICT["paths"].items() for method in item}
    assert {_label(op) for op in OPERATIONS} == in_schema
    assert len(in_schema) >= 14
    with capsys.disabled():
        print(f"\nschemathesis cases: {sum(STATUSES.values())}")
        for key, count in sorted(STATUSES.items()):
            print(f"  {key}: {count}")
