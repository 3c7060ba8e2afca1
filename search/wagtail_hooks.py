from wagtail import hooks

from search.health import check_search


@hooks.register("vt_readiness_checks")
def register_search_check():
    return "search", check_search
