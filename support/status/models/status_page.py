"""The service status page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.slugs import AsciiSlugMixin
from support.status.board import status_context


class StatusPage(AsciiSlugMixin, Page):
    """The service status page: state per trainer/component and the maintenance notices below it."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    subscribe_intro = models.TextField(
        _("subscription text"),
        blank=True,
        help_text=_("Shown above the subscription form: what subscribers receive and how often."),
    )
    consent_text = models.TextField(
        _("consent text"),
        blank=True,
        help_text=_("Consent to personal-data processing (152-FZ) the subscriber must accept."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("subscribe_intro"),
        FieldPanel("consent_text"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = ["status.MaintenanceNoticePage"]
    max_count_per_parent = 1
    template = "support/status_page.html"

    class Meta:
        db_table = "support_statuspage"
        verbose_name = _("service status page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(status_context(self, request))
        return context
