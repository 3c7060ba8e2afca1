import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from support.helpdesk.models import FaultAttachment, FaultReport, TimelineEvent
from support.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_support_page_renders_form_privately(client, support_pages):
    response = client.get("/ru/support/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in body
    assert "Согласие 152-ФЗ" in body
    assert "Trainer ru" in body and "Trainer en" not in body
    assert 'name="website"' in body  # honeypot


def test_support_page_offers_only_public_trainers(client, support_pages):
    """A trainer behind a view restriction (a private section) is neither offered nor accepted."""
    from wagtail.models import PageViewRestriction

    _, trainers = support_pages
    PageViewRestriction.objects.create(page=trainers["ru"], restriction_type=PageViewRestriction.LOGIN)
    body = client.get("/ru/support/").content.decode()
    assert "Trainer ru" not in body


def test_submit_creates_report_timeline_and_outbox(
    client, support_pages, valid_data, sms_sent, django_capture_on_commit_callbacks
):
    _, trainers = support_pages
    valid_data["trainer"] = str(trainers["ru"].pk)
    valid_data["environment"] = '{"os": "Linux", "webgl2": false, "evil": "x"}'
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ru/support/", valid_data)
    assert response.status_code == 303
    report = FaultReport.objects.get()
    assert response["Location"] == f"/ru/support/?sent={report.reference}"
    response = client.get(response["Location"])
    assert response.status_code == 200
    assert re.fullmatch(r"VT-\d{4}-000001", report.reference)
    assert report.phone == "+79161234567"
    assert report.trainer_id == trainers["ru"].pk
    assert report.environment == {"os": "Linux", "webgl2": False}
    assert report.language == "ru"
    body = response.content.decode()
    assert report.reference in body
    match = re.search(r'href="(/ru/support/track/[^"]+)"', body)
    assert match
    assert report.events.get().kind == TimelineEvent.Kind.CREATED
    assert set(OutboxMessage.objects.values_list("channel", "status")) == {("sms", "sent"), ("email", "sent")}
    assert report.reference in mail.outbox[0].subject
    assert sms_sent()[0]["to"] == "+79161234567"
    tracking = client.get(match.group(1).replace("&amp;", "&"))
    assert tracking.status_code == 200
    assert report.reference in tracking.content.decode()


def test_english_page_validates_in_english_and_keeps_input(client, support_pages, valid_data):
    data = {**valid_data, "phone": "12", "uin": "a", "description": "short", "consent": ""}
    response = client.post("/en/support/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter a valid phone number" in body
    assert "User identifier" in body and "4-32 letters" in body
    assert 'value="Иванов Иван Иванович"' in body
    assert FaultReport.objects.count() == 0 and OutboxMessage.objects.count() == 0


def test_russian_page_validates_in_russian(client, support_pages, valid_data):
    response = client.post("/ru/support/", {**valid_data, "phone": "12"})
    assert response.status_code == 400
    assert "Введите" in response.content.decode()
    assert FaultReport.objects.count() == 0


def test_honeypot_rejects(client, support_pages, valid_data):
    response = client.post("/ru/support/", {**valid_data, "website": "http://spam"})
    assert response.status_code == 400
    assert FaultReport.objects.count() == 0


def test_attachment_type_from_content(client, support_pages, valid_data):
    fake = SimpleUploadedFile("screenshot.png", b"MZ\x90\x00\x03" + b"\x00" * 100, "image/png")
    response = client.post("/ru/support/", {**valid_data, "attachments": [fake]})
    assert response.status_code == 400
    assert FaultReport.objects.count() == 0

    image = SimpleUploadedFile("shot.bin", png_bytes(), "application/octet-stream")
    log = SimpleUploadedFile("app.log", "ошибка запуска\n".encode(), "application/octet-stream")
    response = client.post("/ru/support/", {**valid_data, "attachments": [image, log]})
    assert response.status_code == 303
    types = sorted(FaultAttachment.objects.values_list("content_type", flat=True))
    assert types == ["image/png", "text/plain"]
    attachment = FaultAttachment.objects.first()
    assert attachment.file.storage.exists(attachment.file.name)


def test_too_many_attachments(client, support_pages, valid_data, settings):
    files = [SimpleUploadedFile(f"{i}.txt", b"log line\n") for i in range(6)]
    response = client.post("/ru/support/", {**valid_data, "attachments": files})
    assert response.status_code == 400
    assert FaultReport.objects.count() == 0


def test_rate_limit_per_phone_answers_429_in_language(client, support_pages, valid_data, settings):
    settings.SUPPORT_RATE_PER_PHONE = "2/h"
    for _ in range(2):
        assert client.post("/en/support/", valid_data).status_code == 303
    # Same number written differently is the same phone.
    response = client.post("/en/support/", {**valid_data, "phone": "+7 (916) 1234567"})
    assert response.status_code == 429
    assert "Too many requests. Please try again in an hour." in response.content.decode()
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert FaultReport.objects.count() == 2


def test_rate_limit_per_ip(client, support_pages, valid_data, settings):
    settings.SUPPORT_RATE_PER_IP = "1/d"
    assert client.post("/ru/support/", valid_data).status_code == 303
    response = client.post("/ru/support/", {**valid_data, "phone": "+79161110000"})
    assert response.status_code == 429
    assert "Попробуйте снова через день." in response.content.decode()
    assert 1 <= int(response["Retry-After"]) <= 86400
    assert FaultReport.objects.count() == 1


def test_tracking_wrong_token_is_404(client, support_pages, valid_data):
    client.post("/ru/support/", valid_data)
    report = FaultReport.objects.get()
    assert client.get(f"/ru/support/track/{report.reference}/?token=nope").status_code == 404
    assert client.get(f"/ru/support/track/{report.reference}/").status_code == 404
    assert client.get("/ru/support/track/VT-2000-000001/?token=x").status_code == 404


def _tracked_report(file_report, status):
    from support.helpdesk.services import hash_token, tracking_path

    report = file_report("UIN-55555")
    FaultReport.objects.filter(pk=report.pk).update(status=status, token_hash=hash_token("t0ken"))
    report.refresh_from_db()
    return report, tracking_path(report, "t0ken").replace("/ru/", "/{language}/", 1)


@pytest.mark.parametrize(
    ("language", "notice"),
    [("ru", "больше не ожидает информации"), ("en", "no longer waiting for information")],
)
def test_a_reply_to_a_report_that_stopped_waiting_is_refused_and_given_back(
    client, support_pages, file_report, language, notice
):
    """The page was opened while information was awaited; staff moved the report on before the user sent
    the reply. The user is told, and gets the typed text back to reuse."""
    report, path = _tracked_report(file_report, "awaiting_info")
    path = path.format(language=language)
    assert 'name="message"' in client.get(path).content.decode()
    FaultReport.objects.filter(pk=report.pk).update(status="in_review")
    events_before = report.events.count()

    response = client.post(path, {"token": "t0ken", "message": "Версия 2.3, Windows 11, ошибка 0x1F"})

    assert response.status_code == 409
    body = response.content.decode()
    assert notice in body
    assert "Версия 2.3, Windows 11, ошибка 0x1F</textarea>" in body
    assert 'name="message"' not in body  # no form that would fail again
    assert report.events.count() == events_before


def test_a_reply_while_awaiting_information_is_accepted(client, support_pages, file_report):
    report, path = _tracked_report(file_report, "awaiting_info")
    response = client.post(path.format(language="ru"), {"token": "t0ken", "message": "Версия 2.3"})
    assert response.status_code == 302 and "replied=1" in response["Location"]
    report.refresh_from_db()
    assert report.status == "in_review"
    assert report.events.filter(kind=TimelineEvent.Kind.REPLY, message="Версия 2.3").exists()


def test_a_reply_of_invisible_characters_keeps_the_form(client, support_pages, file_report):
    report, path = _tracked_report(file_report, "awaiting_info")
    response = client.post(path.format(language="en"), {"token": "t0ken", "message": "\u200b\u200b\u200b"})
    assert response.status_code == 400
    assert "Write your reply." in response.content.decode()
    report.refresh_from_db()
    assert report.status == "awaiting_info"


def test_a_trainer_page_links_the_support_form_with_the_trainer_chosen(client, support_pages):
    pages, trainers = support_pages
    for language in ("ru", "en"):
        link = f"{pages[language].url}?trainer={trainers[language].pk}"
        assert f'href="{link}"' in client.get(trainers[language].url).content.decode()
        form = client.get(link).content.decode()
        assert f'<option value="{trainers[language].pk}" selected>' in form
