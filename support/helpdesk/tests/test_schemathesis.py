"""Schemathesis against the OpenAPI schema: requests generated from the schema of the support API
(valid ones and schema-violating ones) never get a server error or a non-JSON answer, a rejected
submission stores nothing, and an accepted one stores the report with its acknowledgement."""

import json
from collections import Counter
from urllib.parse import urlencode

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from support.helpdesk.models import FaultReport
from support.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

SCHEMA = schemathesis.openapi.from_dict(
    json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
).include(tag="support")
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
STATUSES = Counter()


def _strategy(mode):
    return st.one_of(*(operation.as_strategy(generation_mode=mode) for operation in OPERATIONS))


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(case=_strategy(GenerationMode.POSITIVE) | _strategy(GenerationMode.NEGATIVE))
def test_support_api_against_its_schema(client, case):
    before = (FaultReport.objects.count(), OutboxMessage.objects.count())
    body = case.body if isinstance(case.body, (dict, list, str, int, float, bool)) else None
    response = client.generic(
        case.method.upper(),
        case.formatted_path,
        data=json.dumps(body) if body is not None else "",
        content_type="application/json",
        QUERY_STRING=urlencode(case.query or {}, doseq=True),
    )
    STATUSES[f"{case.method.upper()} {response.status_code}"] += 1
    assert response.status_code < 500, response.content[:300]
    assert response["Content-Type"].startswith("application/json"), response.content[:300]
    after = (FaultReport.objects.count(), OutboxMessage.objects.count())
    if response.status_code == 201:
        assert after[0] == before[0] + 1 and after[1] > before[1]
    else:
        assert after == before


def test_schemathesis_covers_both_support_operations(capsys):
    """The generated requests reach both operations; prints how many were sent (runs after the test
    above in file order)."""
    assert {(op.method.upper(), op.path) for op in OPERATIONS} == {
        ("POST", "/api/v1/support/fault-reports"),
        ("GET", "/api/v1/support/fault-reports/{reference}"),
    }
    with capsys.disabled():
        print(f"\nschemathesis cases: {sum(STATUSES.values())} {dict(sorted(STATUSES.items()))}")
