from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.health import check_search
from search.models import SearchSynonym, WordFamily


@hooks.register("vt_readiness_checks")
def register_search_check():
    return "search", check_search


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["terms", "enabled"]
    list_filter = ["enabled"]
    search_fields = ["terms"]


register_snippet(SearchSynonymViewSet)


class WordFamilyViewSet(SnippetViewSet):
    model = WordFamily
    icon = "search"
    menu_label = _("Word families")
    add_to_admin_menu = True
    menu_order = 901
    list_display = ["words_text", "enabled"]
    list_filter = ["enabled"]
    search_fields = ["words_text"]


register_snippet(WordFamilyViewSet)
