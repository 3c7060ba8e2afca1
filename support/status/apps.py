from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatusConfig(AppConfig):
    name = "support.status"
    label = "status"
    verbose_name = _("Service status")
    # The working-day calendar caches the exceptions (support.status.calendar); the status page, banner,
    # API and feeds cache what they show of incidents.
    invalidates_cache = ("status.WorkingDayException", "status.Incident", "status.IncidentUpdate")

    def ready(self):
        # Models and what uses them can only be imported once the app registry is ready.
        from . import signals

        signals.connect()
