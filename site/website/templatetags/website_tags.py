"""Header, footer and language helpers used by the base template."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

from website.pagecache import banners_for_template

register = template.Library()

SITE_BANNERS_HOOK = "vt_site_banners"


def _locale_home(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    try:
        return root.get_translation(Locale.get_active())
    except (Page.DoesNotExist, Locale.DoesNotExist):
        return root


@register.inclusion_tag("website/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    home = _locale_home(request)
    items = home.get_children().live().public().in_menu().specific() if home else []
    current = context.get("page")
    return {"home": home, "items": items, "current": current, "request": request}


@register.simple_tag(takes_context=True)
def search_url(context):
    from django.urls import reverse

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
            home = _locale_home(request)
            localized = home.get_translation_or_none(Locale.objects.filter(language_code=code).first())
            url = localized.get_url(request) if localized else f"/{code}/"
        else:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == active})
    return links


@register.simple_tag(takes_context=True)
def site_banners(context):
    """Site-wide banners from content apps (the ``vt_site_banners`` hook: ``(request) -> html``)."""
    return banners_for_template(context["request"])
