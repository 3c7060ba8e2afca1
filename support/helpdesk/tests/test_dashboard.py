"""The admin dashboard's support and maintenance panels, the sidebar's short labels, and the demo
queue a newcomer finds after ``load_demo``."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from support.helpdesk import demo
from support.helpdesk.models import DutyShift, FaultReport, Status
from support.helpdesk.tests.test_admin import editor, make_report, support_user  # noqa: F401
from support.notifications.models import OutboxMessage
from website.demo.context import DemoContext

pytestmark = pytest.mark.django_db


def test_support_panel_counts_and_links_the_queue(client, support_user):  # noqa: F811
    make_report()
    late = make_report(uin="UIN-901")
    FaultReport.objects.filter(pk=late.pk).update(created_at=timezone.now() - timedelta(days=5))
    now = timezone.now()
    hour = timedelta(hours=1)
    DutyShift.objects.create(engineer=support_user, start=now - hour, end=now + 3 * hour)
    client.force_login(support_user)
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert 'id="support-queue-section"' in html
    assert 'Новые: <span class="w-summary__count">2</span>' in html
    assert 'Просроченные: <span class="w-summary__count">1</span>' in html
    assert "?overdue=true" in html and "?status=awaiting_info" in html
    assert "Дежурит сейчас: <strong>Анна</strong>" in html


def test_every_sidebar_label_fits(rf, admin_user):
    """Wagtail's sidebar cuts labels past about 18 characters ("Уведомления о не…")."""
    from django.urls import reverse
    from wagtail.admin.menu import admin_menu

    # Loading the admin's URLs registers the viewsets' menu items, as the first admin request does.
    reverse("wagtailadmin_home")
    request = rf.get("/admin/")
    request.user = admin_user
    for language in ("ru", "en"):
        with translation.override(language):
            labels = [str(item.label) for item in admin_menu.menu_items_for_request(request)]
        assert "Maintenance" in labels or "Профилактика" in labels
        assert [label for label in labels if len(label) > 18] == [], language


def test_support_panel_only_for_support_staff(client, editor):  # noqa: F811
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert 'id="support-queue-section"' not in html
    # The maintenance panel is for every admin user: the windows are public on the status page.
    assert 'id="maintenance-windows-section"' in html


def test_nobody_on_duty_is_said_plainly(client, support_user):  # noqa: F811
    client.force_login(support_user)
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Nobody is on duty now." in html


def test_demo_fills_the_queue_once(site_shell):
    ctx = DemoContext(stdout=io.StringIO())
    demo.load(ctx)
    statuses = set(FaultReport.objects.values_list("status", flat=True))
    every = {Status.NEW, Status.AWAITING_INFO, Status.IN_PROGRESS, Status.RESOLVED, Status.NOT_A_FAULT}
    assert every <= statuses
    assert FaultReport.objects.filter(FaultReport.overdue_q()).exists()
    # A day shift on each day of the fortnight (and yesterday's); nights vary with the weekday.
    starts = [timezone.localtime(shift.start) for shift in DutyShift.objects.all()]
    assert len({start.date() for start in starts if start.hour == 9}) == demo.SHIFT_DAYS + 1
    assert any(start.hour == 21 for start in starts)
    assert OutboxMessage.objects.filter(channel="sms").exists()
    reports, messages = FaultReport.objects.count(), OutboxMessage.objects.count()
    demo.load(ctx)
    assert (FaultReport.objects.count(), OutboxMessage.objects.count()) == (reports, messages)
    assert "already loaded" in ctx.stdout.getvalue()
