"""Issue #16, the support journey: post/redirect/get, one report per form or Idempotency-Key however
often it is sent, the friendly page for a wrong tracking link, and what the success and tracking pages
tell the reporter."""

import re
import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client

from support.helpdesk.models import FaultReport, SubmissionKey
from support.helpdesk.services import Submission, hash_token, submit_once
from support.helpdesk.tests.test_api import PAYLOAD
from support.helpdesk.tests.test_api import URL as API
from support.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def form_key(client, path="/ru/support/"):
    body = client.get(path).content.decode()
    return re.search(r'name="submission" value="([0-9a-f-]{36})"', body).group(1)


# The form: post/redirect/get ------------------------------------------------------------------------


def test_a_sent_form_redirects_and_reloading_the_confirmation_sends_nothing(
    client, support_pages, valid_data
):
    data = {**valid_data, "submission": form_key(client)}
    response = client.post("/ru/support/", data)
    assert response.status_code == 303
    report = FaultReport.objects.get()
    for _reload in range(3):
        page = client.get(response["Location"])
        assert page.status_code == 200
        body = page.content.decode()
        assert report.reference in body
        assert "token=" in body  # the tracking link
    assert FaultReport.objects.count() == 1
    assert OutboxMessage.objects.count() == 2


def test_the_same_form_sent_twice_creates_one_report_and_counts_once(
    client, support_pages, valid_data, settings
):
    settings.SUPPORT_RATE_PER_PHONE = "1/h"
    data = {**valid_data, "submission": form_key(client)}
    first = client.post("/ru/support/", data)
    second = client.post("/ru/support/", data)  # double click, or back and send again
    assert first.status_code == second.status_code == 303
    assert first["Location"] == second["Location"]
    assert FaultReport.objects.count() == 1
    assert OutboxMessage.objects.count() == 2


def test_the_same_form_sent_again_with_other_content_keeps_it_and_offers_a_new_key(
    client, support_pages, valid_data
):
    key = form_key(client, "/en/support/")
    client.post("/en/support/", {**valid_data, "submission": key})
    report = FaultReport.objects.get()
    changed = {**valid_data, "submission": key, "description": "Another fault: no sound at all"}
    response = client.post("/en/support/", changed)
    assert response.status_code == 409
    body = response.content.decode()
    assert f"it created report {report.reference}" in body
    assert "Another fault: no sound at all" in body
    new_key = re.search(r'name="submission" value="([0-9a-f-]{36})"', body).group(1)
    assert new_key != key
    assert FaultReport.objects.count() == 1
    assert client.post("/en/support/", {**changed, "submission": new_key}).status_code == 303
    assert FaultReport.objects.count() == 2


def test_the_confirmation_needs_the_browser_that_sent_the_form(client, support_pages, valid_data):
    response = client.post("/ru/support/", {**valid_data, "submission": form_key(client)})
    other = Client().get(response["Location"])
    assert other.status_code == 302 and other["Location"] == "/ru/support/"
    assert client.get("/ru/support/?sent=VT-2000-000001").status_code == 302


def test_the_session_holds_no_tracking_token(client, support_pages, valid_data):
    response = client.post("/ru/support/", {**valid_data, "submission": form_key(client)})
    body = client.get(response["Location"]).content.decode()
    token = re.search(r"token=([A-Za-z0-9_-]{43})", body).group(1)
    assert FaultReport.objects.get().token_hash == hash_token(token)
    assert token not in str(dict(client.session))
    assert token not in str(list(SubmissionKey.objects.values()))


def test_the_confirmation_says_what_happens_next_and_which_notices_went_out(
    client, support_pages, valid_data, settings
):
    settings.SUPPORT_FIRST_RESPONSE_HOURS = 4
    response = client.post("/ru/support/", {**valid_data, "submission": form_key(client)})
    body = client.get(response["Location"]).content.decode()
    assert "в течение 4 рабочих часов" in body
    assert "по московскому времени" in body
    assert "+7 916 ***-**-67" in body and "l***@example.com" in body
    assert "+79161234567" not in body and "learner@example.com" not in body


# The API: Idempotency-Key ---------------------------------------------------------------------------


def post(client, data, key=None, **headers):
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(API, data, content_type="application/json", **headers)


def test_a_retry_with_the_same_key_gets_the_same_answer_and_stores_nothing(client, settings):
    settings.SUPPORT_RATE_PER_PHONE = "1/h"
    first = post(client, PAYLOAD, key="retry-1")
    assert first.status_code == 201
    # Same body with keys in another order is the same request.
    second = post(client, dict(reversed(PAYLOAD.items())), key="retry-1")
    assert second.status_code == 201
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert FaultReport.objects.count() == 1
    assert OutboxMessage.objects.count() == 2


def test_the_same_key_with_another_body_is_422_in_the_language(client):
    assert post(client, PAYLOAD, key="k-1").status_code == 201
    response = post(
        client, {**PAYLOAD, "description": "Something else entirely"}, key="k-1", HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["status"] == 422 and "Idempotency-Key" in error["fields"]
    assert "уже использован" in error["message"]
    assert FaultReport.objects.count() == 1


@pytest.mark.parametrize("key", ["", " padded", "x" * 256, "ключ", "tab\there"])
def test_a_malformed_key_is_400(client, key):
    response = post(client, PAYLOAD, key=key, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "printable ASCII" in response.json()["error"]["message"]
    assert FaultReport.objects.count() == 0


def test_without_a_key_every_request_is_a_new_report(client):
    assert post(client, PAYLOAD).status_code == 201
    assert post(client, PAYLOAD).status_code == 201
    assert FaultReport.objects.count() == 2


def test_an_expired_key_starts_a_new_report(client, settings):
    first = post(client, PAYLOAD, key="old").json()
    SubmissionKey.objects.update(
        created_at=SubmissionKey.cutoff() - __import__("datetime").timedelta(seconds=1)
    )
    second = post(client, PAYLOAD, key="old").json()
    assert second["reference"] != first["reference"]
    assert SubmissionKey.objects.count() == 1


def test_a_key_stored_by_a_concurrent_request_wins(db, file_report):
    """The loser of the race fails on the key's unique index and answers with the winner's report."""
    winner = Submission("api", "race", "f")
    report = file_report("UIN-11111", submission=winner)
    fields = {
        "full_name": "A B",
        "uin": "UIN-22222",
        "phone": "+79161234567",
        "description": "x" * 20,
        "language": "ru",
    }
    loser = Submission("api", "race", "f")
    # The loser looked before the winner committed: it saw no key.
    loser.previous = iter([None, winner.previous()]).__next__
    again, _token, replayed = submit_once(loser, **fields)
    assert replayed and again == report
    assert FaultReport.objects.count() == 1


@pytest.mark.integration  # SQLite serialises writers by locking the whole database
@pytest.mark.django_db(transaction=True)
def test_two_threads_with_one_key_store_one_report(support_pages):
    barrier = threading.Barrier(2)
    results = []

    def send():
        try:
            barrier.wait()
            results.append(post(Client(), PAYLOAD, key="together").json()["reference"])
        finally:
            connection.close()  # the thread's own connection, or the test database cannot be dropped

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2 and results[0] == results[1]
    assert FaultReport.objects.count() == 1


def test_the_schema_documents_the_header_and_422(client):
    operation = client.get("/api/schema/?format=json").json()["paths"][API]["post"]
    header = next(p for p in operation["parameters"] if p["name"] == "Idempotency-Key")
    assert header["in"] == "header" and not header.get("required")
    assert "422" in operation["responses"]


# The tracking page ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text"), [("ru", "Ссылка недействительна"), ("en", "This link is not valid")]
)
def test_a_wrong_tracking_link_is_a_friendly_404_also_under_debug(
    client, support_pages, file_report, settings, language, text
):
    settings.DEBUG = True
    report = file_report("UIN-33333")
    response = client.get(f"/{language}/support/track/{report.reference}/?token=wrong")
    assert response.status_code == 404
    body = response.content.decode()
    assert text in body
    assert f'href="/{language}/support/"' in body
    assert "Traceback" not in body and "technical_404" not in body


def test_the_tracking_page_shows_the_description_and_the_notices(client, support_pages, file_report):
    report = file_report(
        "UIN-44444", description="Тренажёр зависает на втором уровне", email="me@example.com"
    )
    FaultReport.objects.filter(pk=report.pk).update(token_hash=hash_token("t0ken"))
    body = client.get(f"/ru/support/track/{report.reference}/?token=t0ken").content.decode()
    assert "Тренажёр зависает на втором уровне" in body
    assert "+7 916 ***-**-67" in body and "m***@example.com" in body
    assert "рабочих часов" in body


def test_form_keys_are_uuids_tampered_ones_replaced(support_pages):
    from support.helpdesk.forms import FaultReportForm

    form = FaultReportForm({"submission": "../etc"})
    form.is_valid()
    assert uuid.UUID(form.cleaned_data["submission"])


def test_expired_keys_are_deleted_by_the_retention_job(client):
    from django.core.management import call_command

    post(client, PAYLOAD, key="fresh")
    post(client, {**PAYLOAD, "uin": "UIN-778"}, key="stale")
    SubmissionKey.objects.filter(report__uin="UIN-778").update(
        created_at=SubmissionKey.cutoff() - timedelta(minutes=1)
    )
    call_command("anonymise_fault_reports")
    assert list(SubmissionKey.objects.values_list("report__uin", flat=True)) == ["UIN-777"]
