"""Admin registration of the taxonomy snippets and the catalogue's home page section."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
