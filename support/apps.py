from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    """Owns the historic migrations of the support apps and their shared translations; nothing else."""

    name = "support"
    verbose_name = _("Support")
