from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from support.helpdesk import workflow
from support.helpdesk.models import FaultAttachment, FaultReport
from support.helpdesk.services import submit_report
from support.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def closed_report(**extra):
    log = SimpleUploadedFile("app.log", b"error at startup\n")
    report, token = submit_report(
        full_name="Петров Пётр",
        uin="UIN-5",
        phone="+79161234567",
        email="p@example.com",
        description="Ошибка при запуске",
        language="ru",
        attachments=[(log, "text/plain")],
    )
    for action, message in [("review", ""), ("start_work", ""), ("resolve", "ok"), ("close", "")]:
        report = workflow.apply(report, action, message=message)
    return report, token


def test_anonymise_only_old_closed_reports(settings, client):
    settings.SUPPORT_RETENTION_DAYS = 30
    old, token = closed_report()
    open_report, _ = submit_report(
        full_name="Open", uin="UIN-6", phone="+79161234567", description="x" * 20, language="ru"
    )
    path = FaultAttachment.objects.get(report=old).file.name
    # Back-date instead of travelling in time: S3 refuses requests signed with a skewed clock.
    FaultReport.objects.filter(pk=old.pk).update(closed_at=timezone.now() - timedelta(days=31))
    call_command("anonymise_fault_reports")
    old.refresh_from_db()
    assert old.anonymised_at and old.full_name == "" and old.phone == "" and old.description == ""
    assert old.reference.startswith("VT-") and old.status == "closed"
    assert not FaultAttachment.objects.filter(report=old).exists()
    assert not FaultAttachment.file.field.storage.exists(path)
    assert not OutboxMessage.objects.filter(source_id=str(old.pk)).exclude(recipient="").exists()
    assert FaultReport.objects.get(pk=open_report.pk).full_name == "Open"
    assert client.get(f"/api/v1/support/fault-reports/{old.reference}", {"token": token}).status_code == 404


def test_recent_closed_report_kept(settings):
    settings.SUPPORT_RETENTION_DAYS = 30
    report, _ = closed_report()
    call_command("anonymise_fault_reports")
    report.refresh_from_db()
    assert report.full_name == "Петров Пётр" and report.anonymised_at is None


def test_bootstrap_loader_is_idempotent(site_shell):
    from support.helpdesk import bootstrap
    from support.helpdesk.models import SupportPage

    bootstrap.load(site_shell)
    bootstrap.load(site_shell)
    assert SupportPage.objects.count() == 2
    assert set(SupportPage.objects.values_list("locale__language_code", flat=True)) == {"ru", "en"}
