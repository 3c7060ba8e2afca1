"""Site search: one interface with a database backend and an Elasticsearch backend."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"
    # The promoted query strings (search.service.promoted_queries) are built from these rows. A
    # ``Query`` row alone changes nothing (deleting one deletes its promotions, which is covered).
    invalidates_cache = ("wagtailsearchpromotions.SearchPromotion",)

    def ready(self):
        # Local: the handlers import models, which cannot be imported before the app registry is ready.
        from search import signals

        signals.connect()
