"""Admin registration of the taxonomy snippets, the catalogue's home page section and the publish rule
of the page listing's bulk action."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from catalogue.forms import missing_to_publish
from catalogue.models import Industry, Platform, Profession, SimulatorPage, TrainerLanguage
from catalogue.queries import catalogue_page_for, newest_trainers, trainer_cards

HOME_SECTION_SIZE = 6


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "slug", "sort_order"]
    list_filter = ["locale"]
    search_fields = ["name", "slug"]
    ordering = ["sort_order", "name"]


class IndustryViewSet(TaxonomyViewSet):
    model = Industry
    icon = "site"


class ProfessionViewSet(TaxonomyViewSet):
    model = Profession
    icon = "user"


class PlatformViewSet(TaxonomyViewSet):
    model = Platform
    icon = "desktop"
    list_display = ["name", "kind", "slug", "sort_order"]
    list_filter = ["locale", "kind"]


class TrainerLanguageViewSet(TaxonomyViewSet):
    model = TrainerLanguage
    icon = "globe"


class CatalogueTaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Catalogue")
    menu_icon = "tag"
    menu_order = 250
    items = (IndustryViewSet, ProfessionViewSet, PlatformViewSet, TrainerLanguageViewSet)


register_snippet(CatalogueTaxonomyGroup)


@hooks.register("vt_home_sections")
def featured_trainers_section(home_page, request):
    """Featured trainers on the home page: the editors' pick, else the newest trainers."""
    picked_ids = [block.value.pk for block in getattr(home_page, "featured_pages", []) if block.value]
    trainers = []
    if picked_ids:
        by_id = {page.pk: page for page in SimulatorPage.objects.live().public().filter(pk__in=picked_ids)}
        trainers = [by_id[pk] for pk in picked_ids if pk in by_id][:HOME_SECTION_SIZE]
    if not trainers:
        trainers = newest_trainers(home_page.locale, HOME_SECTION_SIZE)
    if not trainers:
        return None
    return {
        "order": 10,
        "template": "catalogue/includes/home_section.html",
        "context": {
            "trainers": trainer_cards(trainers, home_page.locale, request),
            "catalogue": catalogue_page_for(home_page.locale),
        },
    }


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_incomplete_trainers(request, action_type, objects, action):
    """The page listing's bulk "Publish" publishes latest revisions without the edit form, which holds
    the rule that a trainer goes live with an industry, a platform and a hero image; refuse the whole
    action when it would publish a trainer without them, naming each one, and publish nothing."""
    if action_type != "publish":
        return None
    pages = list(objects)
    if action.cleaned_form.cleaned_data.get("include_descendants"):
        for page in objects:
            pages.extend(page.get_descendants().not_live().type(SimulatorPage))
    incomplete = [
        latest.title
        for page in pages
        if issubclass(page.specific_class or type(page), SimulatorPage)
        and missing_to_publish(latest := page.specific.get_latest_revision_as_object())
    ]
    if not incomplete:
        return None
    messages.error(
        request,
        gettext_now(
            "Nothing was published: a trainer is published with an industry, a platform and a hero "
            "image, and these trainers lack one: %(titles)s. Complete them in the editor first."
        )
        % {"titles": ", ".join(f"«{title}»" for title in incomplete)},
    )
    return redirect(action.next_url)
