"""The catalogue listing page and the trainer page."""

import json

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from catalogue.blocks import SimulatorBodyBlock
from catalogue.cache import CATALOGUE, cached, cached_rendition, restricted_paths
from catalogue.cards import CARD_FIELDS, attach_card_images, attach_urls, card_renditions
from catalogue.choices import MAX_DURATION_MINUTES, Difficulty
from catalogue.forms import SimulatorPageForm
from catalogue.listing import build_listing
from catalogue.taxonomy import attach_taxonomy
from core.cache import page_scope
from core.params import parse_slug
from core.routing import route_through
from core.slugs import AsciiSlugMixin

SIMULATOR_ACTIONS_HOOK = "vt_simulator_actions"
# ``(trainer, request) -> url | None``: where "Request a demo" leads when the editor chose no page or
# link for the button (the site's demo request form answers it).
DEMO_REQUEST_URL_HOOK = "vt_demo_request_url"
# ``(trainer, request) -> url | None``: where "Report a problem with this trainer" leads, with the
# trainer chosen (the helpdesk's support page answers it).
SUPPORT_URL_HOOK = "vt_trainer_support_url"


def _first_answer(hook_name, *args):
    """The first non-empty answer of the functions registered for ``hook_name``, else ``None``."""
    return next((answer for hook in hooks.get_hooks(hook_name) if (answer := hook(*args))), None)


HERO_RENDITION = "fill-640x400"
SHARING_RENDITION = "fill-1200x630"


class CachedViewRestrictionsMixin:
    """Skips Wagtail's two queries for the view restrictions of a page and its ancestors, made on
    every view, while the site has no restriction at all (the usual case; the answer is cached)."""

    def get_view_restrictions(self):
        if not restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class CatalogueIndexPage(AsciiSlugMixin, CachedViewRestrictionsMixin, Page):
    """The trainer listing: filters, facet counts, sorting and pagination from GET parameters."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("A short text above the filters."))
    per_page = models.PositiveSmallIntegerField(
        _("trainers per page"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("How many trainers one page of the listing shows (1–100)."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["catalogue.SimulatorPage"]
    max_count_per_parent = 1
    api_fields = [APIField("intro"), APIField("per_page")]

    class Meta:
        verbose_name = _("catalogue")
        verbose_name_plural = _("catalogues")

    def route(self, request, path_components):
        # Children are trainers: fetch the specific row in one query instead of Wagtail's two (the
        # base page, then its specific type), with the hero image. Which trainer a slug names only
        # changes by publishing or moving, so the id comes from the content generation's cache and
        # the row is read by primary key (cheaper to build than the tree query). Joining the rarely
        # set Open Graph image and call-to-action page as well doubled the cost of compiling the
        # query (~120 columns); they load on use (the call-to-action URL is cached). Anything else
        # takes Wagtail's way.
        # Only a well-formed slug is looked up and remembered: anything a client types in the URL
        # would otherwise become a cache entry of its own.
        slug = parse_slug(path_components[0]) if len(path_components) == 1 else None
        if slug is not None:
            trainer_id = cached(
                f"trainer-id:{self.pk}:{slug}", lambda: self._child_id(slug), scopes=[CATALOGUE]
            )
            trainer = (
                SimulatorPage.objects.filter(pk=trainer_id).select_related("hero_image").first()
                if trainer_id
                else None
            )
            if trainer is not None:
                return route_through(self, trainer, request, [])
        return super().route(request, path_components)

    def _child_id(self, slug):
        return SimulatorPage.objects.child_of(self).filter(slug=slug).values_list("pk", flat=True).first()

    def cache_scopes(self):
        """What the listing shows changes when any trainer is published (``core.cache``)."""
        return [CATALOGUE]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = build_listing(
            request.GET,
            trainer_model=SimulatorPage,
            locale_id=self.locale_id,
            index_page=self,
            request=request,
        )
        return context


class SimulatorPage(AsciiSlugMixin, CachedViewRestrictionsMixin, Page):
    """One virtual trainer: what it teaches, for whom, on which platforms, and how to get it."""

    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_("One or two sentences shown on cards, in search results and in link previews."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The main picture of the trainer: a screenshot at least 1200 px wide."),
    )
    body = StreamField(
        SimulatorBodyBlock(),
        verbose_name=_("description"),
        blank=True,
        help_text=_("The full description: text, media, objectives, scenario, specifications, FAQ."),
    )
    industries = ParentalManyToManyField(
        "catalogue.Industry", verbose_name=_("industries"), blank=True, related_name="simulators"
    )
    professions = ParentalManyToManyField(
        "catalogue.Profession", verbose_name=_("professions"), blank=True, related_name="simulators"
    )
    platforms = ParentalManyToManyField(
        "catalogue.Platform", verbose_name=_("platforms"), blank=True, related_name="simulators"
    )
    languages = ParentalManyToManyField(
        "catalogue.TrainerLanguage",
        verbose_name=_("trainer languages"),
        blank=True,
        related_name="simulators",
        help_text=_("Languages of the trainer's interface and voice-over."),
    )
    duration_minutes = models.PositiveIntegerField(
        _("duration, minutes"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DURATION_MINUTES)],
        help_text=_("Typical time to complete the trainer once, in minutes."),
    )
    difficulty = models.CharField(
        _("difficulty"), max_length=16, choices=Difficulty.choices, default=Difficulty.BEGINNER
    )
    target_audience = models.TextField(
        _("target audience"),
        blank=True,
        help_text=_("Who the trainer is for: roles, qualification, prerequisites."),
    )
    related_trainers = ParentalManyToManyField(
        "catalogue.SimulatorPage",
        verbose_name=_("related trainers"),
        blank=True,
        symmetrical=False,
        related_name="+",
        help_text=_("Other trainers to suggest at the bottom of the page."),
    )
    cta_label = models.CharField(
        _("call-to-action text"),
        max_length=80,
        blank=True,
        help_text=_("For example “Request a demo”. Leave empty for the default text."),
    )
    cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("call-to-action page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A page of this site the button leads to. Without a page or a link it opens the demo "
            "request form with this trainer chosen."
        ),
    )
    cta_url = models.URLField(
        _("call-to-action link"),
        blank=True,
        help_text=_("An external link (https://…); used when no page is chosen."),
    )
    og_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Open Graph image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when the page is shared in messengers and social networks; the hero image by default."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    facts_panels = [
        MultiFieldPanel(
            [
                FieldPanel("industries"),
                FieldPanel("professions"),
                FieldPanel("platforms"),
                FieldPanel("languages"),
            ],
            heading=_("Taxonomy"),
            help_text=_("Filters of the catalogue use these values."),
        ),
        FieldRowPanel(
            [FieldPanel("duration_minutes"), FieldPanel("difficulty")], heading=_("Duration and level")
        ),
        FieldPanel("target_audience"),
        InlinePanel(
            "system_requirements",
            heading=_("System requirements"),
            label=_("Requirements for a platform"),
            help_text=_("One entry per platform: CPU, GPU, RAM, OS, headset or browser."),
        ),
        FieldPanel("related_trainers"),
        MultiFieldPanel(
            [FieldPanel("cta_label"), FieldPanel("cta_page"), FieldPanel("cta_url")],
            heading=_("Call to action"),
        ),
    ]
    promote_panels = [*Page.promote_panels, FieldPanel("og_image")]
    base_form_class = SimulatorPageForm
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(facts_panels, heading=_("Trainer facts")),
            ObjectList(promote_panels, heading=_("SEO and sharing")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("target_audience"),
        index.FilterField("difficulty"),
        index.FilterField("duration_minutes"),
        index.RelatedFields("industries", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields("professions", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields("platforms", [index.SearchField("name"), index.FilterField("slug")]),
    ]
    parent_page_types = ["catalogue.CatalogueIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")

    def clean(self):
        super().clean()
        if self.cta_page_id and self.cta_url:
            raise ValidationError({"cta_url": _("Choose either a page or a link for the button, not both.")})

    # Headless API (Wagtail API v2): taxonomy names in the page's locale, image renditions.

    @property
    def api_taxonomy(self):
        if not hasattr(self, "taxonomy"):
            attach_taxonomy([self], self.locale_id)
        return {facet: [term.as_dict() for term in terms] for facet, terms in self.taxonomy.items()}

    @property
    def api_system_requirements(self):
        return [requirement.as_dict() for requirement in self.system_requirements.all()]

    api_fields = [
        APIField("summary"),
        APIField("hero_image"),
        APIField("hero_image_card", serializer=ImageRenditionField("fill-480x300", source="hero_image")),
        APIField("hero_image_wide", serializer=ImageRenditionField("fill-1200x630", source="hero_image")),
        APIField("body"),
        APIField("duration_minutes"),
        APIField("difficulty"),
        APIField("target_audience"),
        APIField("api_taxonomy"),
        APIField("api_system_requirements"),
        APIField("cta_label"),
        APIField("cta_url"),
    ]

    @property
    def cta_link(self):
        if self.cta_page_id:
            # A page's URL only changes by publishing or moving: a trainer's publishing moves on the
            # catalogue's generation, anything else every generation.
            return cached(f"page-url:{self.cta_page_id}", lambda: self.cta_page.url, scopes=[CATALOGUE])
        return self.cta_url

    @property
    def sharing_image(self):
        return self.og_image or self.hero_image

    def course_jsonld(self, request=None):
        """schema.org ``Course`` description of the trainer (rendered as JSON-LD in the page head)."""
        taxonomy = getattr(self, "taxonomy", {})
        data = {
            "@context": "https://schema.org",
            "@type": "Course",
            "name": self.title,
            "description": self.search_description or self.summary,
            "url": self.get_full_url(request),
            "inLanguage": get_language(),
            "provider": {"@type": "Organization", "name": "VT Platform"},
            "educationalLevel": self.get_difficulty_display(),
            "timeRequired": f"PT{self.duration_minutes}M",
            "hasCourseInstance": {
                "@type": "CourseInstance",
                "courseMode": "online",
                "courseWorkload": f"PT{self.duration_minutes}M",
            },
        }
        if taxonomy.get("industry"):
            data["about"] = [term.name for term in taxonomy["industry"]]
        if taxonomy.get("language"):
            data["availableLanguage"] = [term.name for term in taxonomy["language"]]
        if self.target_audience:
            data["audience"] = {"@type": "Audience", "audienceType": self.target_audience}
        return data

    def course_jsonld_script(self, request=None):
        # JSON inside <script> must not be able to close the element: escape <, > and &.
        payload = (
            json.dumps(self.course_jsonld(request), ensure_ascii=False)
            .replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("&", "\\u0026")
        )
        return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - escaped above

    def invalidation_scopes(self):
        """What publishing or unpublishing this trainer can change (``core.cache``): the listings and
        the routes of the catalogue, this trainer's page in every language, and the pages of the
        trainers that show it (as a related trainer or their call to action)."""
        showing = (
            SimulatorPage.objects.filter(
                Q(related_trainers__translation_key=self.translation_key)
                | Q(cta_page__translation_key=self.translation_key)
            )
            .order_by()
            .values_list("translation_key", flat=True)
            .distinct()
        )
        return [CATALOGUE, *map(page_scope, {self.translation_key, *showing})]

    def cache_scopes(self):
        """The page shows this trainer and what surrounds it; both move on with its page scope."""
        return [page_scope(self.translation_key)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # What the page shows besides its own fields only changes when something is published (a new
        # generation of this page's scope), so it is cached per page and host; a preview shows the
        # draft itself.
        if getattr(request, "is_preview", False):
            shown = self._shown_around(request)
        else:
            shown = cached(
                f"trainer:{self.pk}:{request.get_host()}",
                lambda: self._shown_around(request),
                scopes=[page_scope(self.translation_key)],
            )
        self.taxonomy = shown["taxonomy"]
        context["hero"] = cached_rendition(self.hero_image, HERO_RENDITION)
        context["og"] = cached_rendition(self.sharing_image, SHARING_RENDITION)
        context["related"] = shown["related"]
        context["requirements"] = shown["requirements"]
        context["jsonld"] = self.course_jsonld_script(request)
        context["cta_url"] = self.cta_link or _first_answer(DEMO_REQUEST_URL_HOOK, self, request)
        context["support_url"] = _first_answer(SUPPORT_URL_HOOK, self, request)
        context["extra_actions"] = [
            html for hook in hooks.get_hooks(SIMULATOR_ACTIONS_HOOK) if (html := hook(self, request))
        ]
        return context

    def _shown_around(self, request):
        """Related trainer cards, taxonomy and system requirements of this page."""
        related = list(
            self.related_trainers.live()
            .filter(locale_id=self.locale_id)
            .only(*CARD_FIELDS)
            .select_related("hero_image")
            .prefetch_related(Prefetch("hero_image__renditions", queryset=card_renditions()))
            .order_by("title")[:6]
        )
        attach_card_images(related)
        attach_urls(related, request)
        attach_taxonomy([self, *related], self.locale_id)
        return {
            "taxonomy": self.taxonomy,
            "related": related,
            "requirements": list(self.system_requirements.select_related("platform")),
        }


class SystemRequirement(Orderable):
    """Minimum system requirements of a trainer on one platform."""

    page = ParentalKey(SimulatorPage, on_delete=models.CASCADE, related_name="system_requirements")
    platform = models.ForeignKey(
        "catalogue.Platform",
        verbose_name=_("platform"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    os = models.CharField(_("operating system"), max_length=200, blank=True)
    cpu = models.CharField(_("processor"), max_length=200, blank=True)
    gpu = models.CharField(_("graphics card"), max_length=200, blank=True)
    ram_gb = models.PositiveSmallIntegerField(_("RAM, GB"), null=True, blank=True)
    headset = models.CharField(_("VR headset"), max_length=200, blank=True)
    browser = models.CharField(_("browser"), max_length=200, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    panels = [
        FieldPanel("platform"),
        FieldRowPanel([FieldPanel("os"), FieldPanel("ram_gb")]),
        FieldRowPanel([FieldPanel("cpu"), FieldPanel("gpu")]),
        FieldRowPanel([FieldPanel("headset"), FieldPanel("browser")]),
        FieldPanel("notes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("system requirement")
        verbose_name_plural = _("system requirements")

    def as_dict(self):
        return {
            "platform": self.platform.slug,
            "os": self.os,
            "cpu": self.cpu,
            "gpu": self.gpu,
            "ram_gb": self.ram_gb,
            "headset": self.headset,
            "browser": self.browser,
            "notes": self.notes,
        }
