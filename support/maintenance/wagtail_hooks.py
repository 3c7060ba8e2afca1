"""Admin and site integration of maintenance notices."""

from django.contrib import messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.signals import page_published, page_unpublished

from support.maintenance import banner, rules
from support.maintenance.models import MaintenanceNoticePage, NoticeDispatch, Subscriber, WorkingDayException


@hooks.register("vt_site_banners")
def maintenance_banner(request):
    return banner.render_banner(request)


def _warn(request, page):
    page = page.specific
    if not isinstance(page, MaintenanceNoticePage):
        return
    window = rules.Window(
        starts_at=page.starts_at,
        ends_at=page.ends_at,
        kind=page.kind,
        cancelled=page.cancelled,
        whole_platform=page.whole_platform,
        components=page.components,
        trainer_keys=[t.translation_key for t in page.trainers.all()],
    )
    for warning in rules.check(window, publishing=False, exclude_key=page.translation_key).warnings:
        messages.warning(request, warning)


hooks.register("after_create_page", _warn)
hooks.register("after_edit_page", _warn)


def _published(sender, instance, **kwargs):
    banner.forget()
    from support.maintenance.tasks import announce_notice

    transaction.on_commit(lambda: announce_notice.enqueue(instance.pk))


def _unpublished(sender, instance, **kwargs):
    banner.forget()


page_published.connect(_published, sender=MaintenanceNoticePage, dispatch_uid="maintenance_published")
page_unpublished.connect(_unpublished, sender=MaintenanceNoticePage, dispatch_uid="maintenance_unpublished")


class WorkingDayExceptionViewSet(ModelViewSet):
    model = WorkingDayException
    icon = "date"
    menu_label = _("Working-day exceptions")
    add_to_admin_menu = True
    list_display = ["date", "is_working", "note"]
    list_filter = ["is_working"]
    search_fields = ["note"]
    form_fields = ["date", "is_working", "note"]


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Maintenance subscribers")
    add_to_admin_menu = True
    list_display = [
        "__str__",
        "language",
        "all_trainers",
        "email_confirmed_at",
        "unsubscribed_at",
        "created_at",
    ]
    list_filter = ["language", "all_trainers"]
    search_fields = ["email", "phone"]
    form_fields = ["email", "phone", "language", "all_trainers", "trainers", "unsubscribed_at"]


class NoticeDispatchViewSet(ModelViewSet):
    model = NoticeDispatch
    icon = "mail"
    menu_label = _("Maintenance notifications sent")
    add_to_admin_menu = True
    list_display = ["notice_title", "event", "recipients", "sent_at"]
    list_filter = ["event"]
    search_fields = ["notice_title"]
    form_fields = ["notice_title"]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        WorkingDayExceptionViewSet("maintenance_workdays"),
        SubscriberViewSet("maintenance_subscribers"),
        NoticeDispatchViewSet("maintenance_dispatches"),
    ]
