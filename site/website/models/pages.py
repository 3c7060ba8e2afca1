"""The home page and the general-purpose standard page."""

from django.db import models
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks, hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.cache import cached
from core.routing import route_through
from core.slugs import AsciiSlugMixin
from website.blocks import BodyBlock

HOME_SECTIONS_HOOK = "vt_home_sections"


class HomePage(AsciiSlugMixin, Page):
    """The root page of each language tree.

    Content apps contribute sections (featured trainers, latest release notes, upcoming maintenance)
    through the ``vt_home_sections`` Wagtail hook: a function ``(page, request) -> dict | None``
    returning ``{"order": int, "template": str, "context": dict}``. The home page itself imports no
    content app.
    """

    hero_title = models.CharField(_("hero title"), max_length=200)
    hero_lead = models.TextField(_("hero lead"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_text = models.CharField(_("call-to-action text"), max_length=80, blank=True)
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("call-to-action page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured_pages = StreamField(
        [("page", blocks.PageChooserBlock(label=_("Page")))],
        verbose_name=_("featured trainers"),
        blank=True,
        help_text=_("Trainers to feature on the home page, in this order."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_lead"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_text"),
                FieldPanel("hero_cta_page"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("featured_pages"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_lead"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    # Wagtail routes every page request from ``site.root_page.localized``: a locale query, the
    # translation, then the top-level section and its specific row. The live home pages of all
    # languages and each home's children change only by publishing (a new content generation), so
    # they come from the generation's cache instead. A section that is itself the page requested is
    # read from the database: only the way through it is cached.

    @property
    def localized(self):
        try:
            language = get_supported_content_language_variant(get_language())
        except LookupError:
            return self
        homes = cached(f"live-homes:{self.translation_key}", self._live_translations)
        return homes.get(language, self)

    def _live_translations(self):
        translations = HomePage.objects.filter(translation_key=self.translation_key, live=True)
        return {home.locale.language_code: home for home in translations.select_related("locale")}

    def route(self, request, path_components):
        section = None
        if path_components:
            section = cached(f"sections:{self.pk}", self._sections).get(path_components[0])
        if section is None:
            return super().route(request, path_components)
        if len(path_components) == 1:
            # The section is the page requested: its specific row, fresh, in one query.
            section = type(section).objects.filter(pk=section.pk).first()
            if section is None:
                raise Http404
        return route_through(self, section, request, path_components[1:])

    def _sections(self):
        return {child.slug: child for child in self.get_children().specific()}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = [
            section
            for hook in hooks.get_hooks(HOME_SECTIONS_HOOK)
            if (section := hook(self, request)) is not None
        ]
        context["home_sections"] = sorted(sections, key=lambda section: section["order"])
        return context


class StandardPage(AsciiSlugMixin, Page):
    """A general-purpose page: about, contacts, lifecycle support and similar."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")
