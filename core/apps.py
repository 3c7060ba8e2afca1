from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _

from core.params import IdConverter


class CoreConfig(AppConfig):
    """Wires the cache invalidation once, from what every app declares (see ``core.cache``), and the
    ``<id:...>`` URL converter every app's URLs use (see ``core.params``)."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        # core.cache imports Wagtail's models, which cannot be imported before the app registry is ready.
        from core import cache

        cache.connect_signals()
        register_converter(IdConverter, "id")
