from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "catalogue"
    verbose_name = _("Catalogue")

    def ready(self):
        # Local: the tasks import models, which cannot be imported before the app registry is ready.
        from catalogue import tasks

        tasks.connect()
