"""Release notes: an index page per language and one page per release."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.admin_forms import LocaleChoicesPageForm
from core.cache import page_scope
from core.slugs import AsciiSlugMixin

from .builds import SimulatorBuild, validate_semver


class ChangeItemBlock(blocks.StructBlock):
    """One typed change of a release."""

    kind = blocks.ChoiceBlock(
        choices=[
            ("new", _("New")),
            ("improved", _("Improved")),
            ("fixed", _("Fixed")),
            ("security", _("Security")),
        ],
        label=_("Type"),
    )
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "code"], label=_("Description"))

    class Meta:
        icon = "list-ul"
        label = _("Change")
        template = "simulators/blocks/change_item.html"


class ReleaseNotesIndexPage(AsciiSlugMixin, Page):
    """Lists the release notes of one language, newest first."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("Shown above the list."))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["simulators.ReleaseNotePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("release notes index")

    def cache_scopes(self):
        """The list shows notes only (no trainer): publishing a trainer leaves it cached
        (``core.cache``); publishing a note changes every generation."""
        return []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        notes = ReleaseNotePage.objects.child_of(self).live().order_by("-release_date", "-pk")
        context["notes"] = Paginator(notes, 20).get_page(request.GET.get("page"))
        return context


class ReleaseNotePage(AsciiSlugMixin, Page):
    """What changed in one release, for the whole platform or for chosen trainers."""

    SCOPE_PLATFORM = "platform"
    SCOPE_TRAINERS = "trainers"

    version = models.CharField(
        _("version"),
        max_length=64,
        validators=[validate_semver],
        help_text=_("Semantic version, e.g. 2.3.0."),
    )
    release_date = models.DateField(_("release date"))
    scope = models.CharField(
        _("scope"),
        max_length=16,
        choices=[(SCOPE_PLATFORM, _("Whole platform")), (SCOPE_TRAINERS, _("Chosen trainers"))],
        default=SCOPE_TRAINERS,
    )
    trainers = ParentalManyToManyField(
        "catalogue.SimulatorPage",
        verbose_name=_("trainers"),
        blank=True,
        related_name="release_notes",
        help_text=_("Trainers this release concerns (when the scope is chosen trainers)."),
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences for feeds."))
    changes = StreamField([("change", ChangeItemBlock())], verbose_name=_("changes"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("version"), FieldPanel("release_date"), FieldPanel("scope"), FieldPanel("trainers")],
            heading=_("Release"),
        ),
        FieldPanel("summary"),
        FieldPanel("changes"),
    ]
    # Offers the trainers of the note's language only.
    base_form_class = LocaleChoicesPageForm
    search_fields = [
        *Page.search_fields,
        index.SearchField("version"),
        index.SearchField("summary"),
        index.SearchField("changes"),
        index.FilterField("release_date"),
    ]
    parent_page_types = ["simulators.ReleaseNotesIndexPage"]
    subpage_types = []

    def api_trainers(self):
        # Slugs, as /api/v1/release-notes names them: the trainers' pages are the same in every language.
        return [trainer.slug for trainer in self.trainers.all()]

    api_fields = [
        APIField("version"),
        APIField("release_date"),
        APIField("scope"),
        APIField("summary"),
        APIField("changes"),
        APIField("api_trainers"),
    ]

    class Meta:
        verbose_name = _("release note")
        verbose_name_plural = _("release notes")

    def cache_scopes(self):
        """The note names its trainers and the trainers of its builds: their publishing refreshes it
        (``core.cache``), other trainers' leaves it cached."""
        keys = {trainer.translation_key for trainer in self.trainers.all()}
        keys |= {build.trainer.translation_key for build in self.linked_builds()}
        return sorted(map(page_scope, keys))

    def linked_builds(self):
        """Published builds linked to this note in any of its translations."""
        return SimulatorBuild.objects.filter(
            release_note__translation_key=self.translation_key, status="published"
        ).select_related("trainer")
