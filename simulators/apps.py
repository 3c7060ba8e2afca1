from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SimulatorsConfig(AppConfig):
    name = "simulators"
    verbose_name = _("Simulators")
    # Trainer pages cache the builds they offer, the update manifest the channels' state (core.cache).
    invalidates_cache = ("simulators.SimulatorBuild", "simulators.ReleaseChannel")

    def ready(self):
        # Registers the deploy check of the manifest's signing key.
        from . import checks  # noqa: F401
