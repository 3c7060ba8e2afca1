"""The site's admin parts: the demo requests listing, and the demo request button of trainer pages.

Demo requests are personal data: the listing needs ``website.view_demorequest`` (the "Sales" group of
``website/0008_sales_role``, and superusers); deleting one (a person's erasure request) needs
``website.delete_demorequest``. Requests are never edited: they are what the visitor sent.
"""

from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from catalogue.models.pages import DEMO_REQUEST_URL_HOOK
from core.routing import live_page_url
from website import health
from website.models import DemoRequest, DemoRequestPage
from website.models.demo_requests import ADMIN_NAMESPACE


class DemoRequestIndexView(IndexView):
    # Each row opens the read-only view; there is no form to add a request by hand.
    def get_edit_url(self, instance):
        return self.get_inspect_url(instance)

    def get_add_url(self):
        return None


class DemoRequestViewSet(ModelViewSet):
    model = DemoRequest
    icon = "mail"
    menu_label = pgettext_lazy("menu", "Demo requests")  # the sidebar fits about 18 characters
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = DemoRequestIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    # The edit view needs a form; nobody is granted ``change_demorequest``.
    form_fields = ["message"]
    list_display = ["created_at", "organisation", "name", "trainer_title", "learners", "language"]
    list_filter = ["language"]
    search_fields = ["organisation", "name", "email", "phone"]
    search_backend_name = None
    inspect_view_fields = [
        "created_at",
        "name",
        "organisation",
        "email",
        "phone",
        "trainer_title",
        "learners",
        "message",
        "language",
        "consented_at",
    ]
    list_per_page = 50


@hooks.register("register_admin_viewset")
def register_viewsets():
    return DemoRequestViewSet(ADMIN_NAMESPACE, url_prefix="demo-requests")


@hooks.register(DEMO_REQUEST_URL_HOOK)
def demo_request_url(trainer, request):
    """The demo request form of the trainer's language with the trainer preselected, if the form page
    is live (its URL only changes by publishing or moving: a new content generation)."""
    form_url = live_page_url(DemoRequestPage, trainer.locale_id)
    return f"{form_url}?trainer={trainer.pk}" if form_url else None


# The site's own components of /readyz (and of the monitor's rounds), first in their answers.
@hooks.register("vt_readiness_checks")
def database_readiness():
    return "database", health.check_database


@hooks.register("vt_readiness_checks")
def cache_readiness():
    return "cache", health.check_cache


@hooks.register("vt_readiness_checks")
def storage_readiness():
    return "storage", health.check_storage


@hooks.register("vt_readiness_checks")
def tasks_readiness():
    return "tasks", health.check_tasks
