from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Wires the cache invalidation once, from what every app declares (see ``core.cache``)."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        # core.cache imports Wagtail's models, which cannot be imported before the app registry is ready.
        from core import cache

        cache.connect_signals()
