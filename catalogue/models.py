"""Catalogue pages. The catalogue issue grows these into the full trainer description."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index


class CatalogueIndexPage(Page):
    """The trainer listing."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["catalogue.SimulatorPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("catalogue")


class SimulatorPage(Page):
    """One trainer (simulator)."""

    summary = models.TextField(_("summary"), max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["catalogue.CatalogueIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")
