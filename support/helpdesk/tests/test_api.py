from urllib.parse import parse_qs, urlparse

import pytest

from support.helpdesk import workflow
from support.helpdesk.models import FaultReport
from support.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db

URL = "/api/v1/support/fault-reports"
PAYLOAD = {
    "full_name": "Ivanov Ivan",
    "uin": "UIN-777",
    "phone": "+7 916 123 45 67",
    "email": "api-learner@example.com",
    "description": "The trainer freezes on level 2",
    "consent": True,
    "environment": {"os": "Windows", "webgl2": True},
}


def post(client, data, **headers):
    return client.post(URL, data, content_type="application/json", **headers)


def test_create_and_follow(client, support_pages):
    _, trainers = support_pages
    response = post(client, {**PAYLOAD, "trainer": trainers["en"].pk, "language": "en"})
    assert response.status_code == 201, response.content
    body = response.json()
    report = FaultReport.objects.get(reference=body["reference"])
    assert report.phone == "+79161234567" and report.language == "en"
    assert OutboxMessage.objects.filter(source_id=str(report.pk)).count() == 2
    url = urlparse(body["tracking_url"])
    assert url.path == f"/en/support/track/{report.reference}/"
    token = parse_qs(url.query)["token"][0]
    assert len(token) >= 43  # 256 bits, url-safe base64

    status = client.get(f"{URL}/{report.reference}", {"token": token})
    assert status.status_code == 200
    assert status.json()["status"] == "new"
    assert status.json()["timeline"][0]["status"] == "new"

    workflow.add_note(report, "internal only", actor=None)
    workflow.apply(report, "review", actor=None)
    timeline = client.get(f"{URL}/{report.reference}", {"token": token}).json()["timeline"]
    assert [item["status"] for item in timeline] == ["new", "in_review"]
    assert "internal only" not in str(timeline)


def test_wrong_token_is_404_without_detail(client):
    response = post(client, PAYLOAD)
    reference = response.json()["reference"]
    wrong = client.get(f"{URL}/{reference}", {"token": "x" * 43})
    unknown = client.get(f"{URL}/VT-1999-000001", {"token": "x" * 43})
    missing = client.get(f"{URL}/{reference}")
    assert wrong.status_code == unknown.status_code == missing.status_code == 404
    assert wrong.json() == unknown.json() == missing.json()
    assert reference not in wrong.content.decode()


def test_field_errors_in_language(client):
    response = post(
        client, {**PAYLOAD, "phone": "000", "uin": "!", "consent": False}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert set(fields) == {"phone", "uin", "consent"}
    assert "valid phone number" in fields["phone"][0]
    assert FaultReport.objects.count() == 0


@pytest.mark.parametrize(
    "payload",
    [
        [],
        "text",
        {"description": None},
        {**PAYLOAD, "trainer": 999999},
        # Past the database's integer range (SQLite raised OverflowError: a 500).
        {**PAYLOAD, "trainer": 2**63},
        {**PAYLOAD, "environment": "x"},
    ],
)
def test_garbage_is_400(client, payload):
    assert post(client, payload).status_code == 400
    assert FaultReport.objects.count() == 0


def test_rate_limited_is_429_json_with_retry_after(client, settings):
    settings.SUPPORT_RATE_PER_PHONE = "1/h"
    assert post(client, PAYLOAD).status_code == 201
    response = post(client, PAYLOAD, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    error = response.json()["error"]
    assert error["status"] == 429
    assert error["message"] == "Too many requests. Please try again in an hour."
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert FaultReport.objects.count() == 1


def test_rate_limit_per_address_names_its_own_period_in_russian(client, settings):
    settings.SUPPORT_RATE_PER_IP = "1/15m"
    assert post(client, PAYLOAD).status_code == 201
    response = post(client, {**PAYLOAD, "phone": "+79161110000"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 429
    assert response.json()["error"]["message"] == "Слишком много запросов. Попробуйте снова через 15 минут."
    assert 1 <= int(response["Retry-After"]) <= 900


def test_invalid_requests_spend_the_allowance(client, settings):
    settings.SUPPORT_RATE_PER_IP = "1/h"
    assert post(client, {**PAYLOAD, "consent": False}).status_code == 400
    assert post(client, PAYLOAD).status_code == 429


def test_schema_documents_endpoints(client):
    schema = client.get("/api/schema/?format=json").json()
    assert "/api/v1/support/fault-reports" in schema["paths"]
    assert "/api/v1/support/fault-reports/{reference}" in schema["paths"]


def test_schema_documents_429_with_retry_after(client):
    schema = client.get("/api/schema/?format=json").json()
    too_many = schema["paths"]["/api/v1/support/fault-reports"]["post"]["responses"]["429"]
    assert too_many["headers"]["Retry-After"]["schema"]["type"] == "integer"
    error = too_many["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert "error" in schema["components"]["schemas"][error]["properties"]


def test_form_encoded_submission_is_refused(client):
    # A cross-site HTML form can send form data without a preflight; the API takes JSON only.
    data = {**PAYLOAD, "consent": "true", "environment": ""}
    response = client.post(URL, data)
    assert response.status_code == 415
    assert response.json()["error"]["status"] == 415
    assert not FaultReport.objects.exists()
