from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpdeskConfig(AppConfig):
    name = "support.helpdesk"
    label = "helpdesk"
    verbose_name = _("Helpdesk")

    def ready(self):
        # Models and what uses them can only be imported once the app registry is ready.
        from . import snapshots
        from .models import DutyShift

        snapshots.connect_signals(DutyShift)
