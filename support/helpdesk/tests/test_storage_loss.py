"""Fault reports while the S3 endpoint is unreachable (real PostgreSQL; S3 pointed at a dead port)."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from support.helpdesk import workflow
from support.helpdesk.models import FaultAttachment, FaultReport, TimelineEvent
from support.helpdesk.services import submit_report
from support.notifications.models import OutboxMessage

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def screenshot():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return SimpleUploadedFile("shot.png", buffer.getvalue(), "image/png")


def test_a_report_with_attachments_is_refused_clearly_and_stores_nothing(
    client, support_pages, valid_data, s3_unreachable
):
    response = client.post("/ru/support/", {**valid_data, "attachments": [screenshot()]})
    assert response.status_code == 503
    body = response.content.decode()
    assert "Вложения сейчас не удаётся сохранить" in body
    assert valid_data["description"] in body  # what was typed comes back
    assert FaultReport.objects.count() == 0
    assert TimelineEvent.objects.count() == OutboxMessage.objects.count() == 0
    # Without the files the report goes through: only uploads depend on the storage.
    response = client.post("/ru/support/", valid_data)
    assert response.status_code == 303
    assert FaultReport.objects.count() == 1


def test_a_reply_with_attachments_is_refused_clearly_and_stores_nothing(
    client, support_pages, s3_unreachable
):
    report, token = submit_report(
        full_name="A B", uin="UIN-12345", phone="+79161234567", description="x" * 20, language="en"
    )
    staff = get_user_model().objects.create_user("engineer", "engineer@vt-pro.ru", "pw")
    report = workflow.apply(report, "review", actor=staff)
    report = workflow.apply(report, "request_info", actor=staff, message="Which version?")
    events = TimelineEvent.objects.count()
    response = client.post(
        f"/en/support/track/{report.reference}/",
        {"token": token, "message": "Version 2.1, screenshot attached", "attachments": [screenshot()]},
    )
    assert response.status_code == 503
    assert "Attachments cannot be saved right now" in response.content.decode()
    assert TimelineEvent.objects.count() == events
    assert FaultAttachment.objects.count() == 0
    report.refresh_from_db()
    assert report.status == "awaiting_info"
