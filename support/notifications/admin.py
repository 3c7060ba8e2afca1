"""Read-mostly outbox listing in the Wagtail admin: what was sent, what is waiting, what failed and why."""

from django.utils.translation import pgettext_lazy
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import OutboxMessage


class OutboxIndexView(IndexView):
    def get_add_url(self):
        return None

    def get_edit_url(self, instance):
        return self.get_inspect_url(instance)


class OutboxMessageViewSet(ModelViewSet):
    model = OutboxMessage
    icon = "mail"
    menu_label = pgettext_lazy("menu", "Outbox")  # the sidebar fits about 18 characters
    menu_order = 252
    add_to_admin_menu = True
    index_view_class = OutboxIndexView
    inspect_view_enabled = True
    form_fields = ["status"]
    list_display = ["recipient", "channel", "template", "status", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["status", "channel", "template"]
    search_fields = ["recipient", "template", "dedup_key"]
    search_backend_name = None
