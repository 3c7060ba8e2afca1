"""Header, footer and language helpers used by the base template."""

import contextlib

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

from website.pagecache import banners_for_template

register = template.Library()


def _locale_home(request):
    """The home page in the active language; looked up once per request (menu and language links)."""
    language = get_language()
    cached = getattr(request, "_vt_locale_home", None)
    if cached is not None and cached[0] == language:
        return cached[1]
    site = Site.find_for_request(request)
    home = None
    if site is not None:
        home = site.root_page
        with contextlib.suppress(Page.DoesNotExist, Locale.DoesNotExist):
            home = home.get_translation(Locale.get_active())
    request._vt_locale_home = (language, home)
    return home


@register.inclusion_tag("website/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    home = _locale_home(request)
    # Titles and URLs are on the base Page: no need for the specific (per-type) rows.
    items = home.get_children().live().public().in_menu() if home else []
    current = context.get("page")
    return {"home": home, "items": items, "current": current, "request": request}


@register.simple_tag
def search_url():
    return reverse("search:results")


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per configured language: code, name, URL of this page in it, whether it is current.

    For Wagtail pages the URL is the live translation of the page (or the translated home page when
    there is none); for other views it is the same URL with the other language prefix.
    """
    request = context["request"]
    page = context.get("page")
    translations = {}
    if isinstance(page, Page) and page.pk:
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
    active = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code].get_url(request)
        elif translations:
            url = f"/{code}/"  # the page is not translated: that language's home page
        else:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == active})
    return links


@register.simple_tag(takes_context=True)
def site_banners(context):
    """Site-wide banners from content apps (the ``vt_site_banners`` hook: ``(request) -> html``)."""
    return banners_for_template(context["request"])
