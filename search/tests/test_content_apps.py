"""Indexing of the content apps merged from main (maintenance notices, support and status pages)."""

import datetime

from django.utils import timezone

from search import service
from search.models import SearchDocument
from support.status.models import MaintenanceNoticePage, MaintenanceUpdate, StatusPage


def test_maintenance_notice_is_indexed_and_found(site_shell, django_capture_on_commit_callbacks):
    start = timezone.now() + datetime.timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        status = site_shell.ensure_child(
            site_shell.homes["ru"], StatusPage, "status", title="Статус платформы"
        )
        notice = MaintenanceNoticePage(
            title="Обновление серверов лицензий",
            slug="license-servers",
            description="<p>Плановая замена <b>оборудования</b> в дата-центре.</p>",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            whole_platform=True,
        )
        notice.updates.add(MaintenanceUpdate(message="Окно продлено на час"))
        status.add_child(instance=notice)
        notice.save_revision().publish()
    document = SearchDocument.objects.get(page_id=notice.pk)
    assert document.type == "notice"
    assert document.summary == "Плановая замена оборудования в дата-центре."
    assert "Окно продлено на час" in document.body
    results = service.search("обновление серверов лицензий", "ru", type="notice")
    assert [hit.title for hit in results.hits] == ["Обновление серверов лицензий"]
    assert SearchDocument.objects.filter(page_id=status.pk, type="page").exists()
