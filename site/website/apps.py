from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Website")
    # Every page shows the footer contacts (core.cache).
    invalidates_cache = ("website.SiteContacts", "website.CompanyName")
