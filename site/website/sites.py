"""The Wagtail site of a page request, from the site shell's cache."""

from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from core import languages
from core.cache import cached
from core.routing import remember_site


def _site_for(hostname, port):
    try:
        site = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None
    # Routing starts at the specific root page: load it once here rather than on every request.
    site.root_page = site.root_page.specific
    return site


class CachedSiteMiddleware:
    """Resolves the Wagtail ``Site`` of a page view, with its specific root page, from the cache.

    Wagtail looks the site up in the database on every request and then loads the root page's
    specific row: two queries on every page view for data that changes about never. Saving or
    deleting a site or publishing a page renews the site shell's generation, so a change is seen at
    once. Only language-prefixed views are concerned, Wagtail's pages and the other views that render
    the site shell; health checks, the API and the admin
    touch neither the cache nor the database here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not languages.of_path(request.path_info):
            return None
        try:
            hostname, port = split_domain_port(request.get_host())[0], request.get_port()
        except DisallowedHost:
            # Django answers 400 for it further on; nothing to cache under a stranger's name.
            return None
        remember_site(request, cached(f"site:{hostname}:{port}", lambda: _site_for(hostname, port)))
        return None
