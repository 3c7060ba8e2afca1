from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpdeskConfig(AppConfig):
    name = "support.helpdesk"
    label = "helpdesk"
    verbose_name = _("Helpdesk")
    # Every new report reads the duty roster from a snapshot (support.helpdesk.snapshots).
    invalidates_cache = ("helpdesk.DutyShift",)
