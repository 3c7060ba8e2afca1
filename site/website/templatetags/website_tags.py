"""Header, footer and language helpers used by the base template.

Every page renders them, so what they read from the database (menu items, translations, footer
contacts) is cached until content changes (``core.cache``): the shell costs no
queries of its own on a warm cache.
"""

import contextlib

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

from core import languages
from core.cache import cached
from website.models import SiteContacts
from website.pagecache import banners_for_template

register = template.Library()


def _menu_items(site, request):
    home = site.root_page
    with contextlib.suppress(Page.DoesNotExist, Locale.DoesNotExist):
        home = home.get_translation(Locale.get_active())
    # Titles and URLs are on the base Page: no need for the specific (per-type) rows.
    children = home.get_children().live().public().in_menu().only("title", "url_path", "path", "depth")
    return [{"pk": child.pk, "title": child.title, "url": child.get_url(request)} for child in children]


@register.inclusion_tag("website/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    site = Site.find_for_request(request)
    items = []
    if site is not None:
        items = cached(
            f"menu:{site.pk}:{request.get_host()}:{get_language()}", lambda: _menu_items(site, request)
        )
    page = context.get("page")
    return {"items": items, "current_pk": page.pk if isinstance(page, Page) else None}


@register.simple_tag
def search_url():
    return reverse("search:results")


def _translation_urls(page, request):
    return {
        translation.locale.language_code: translation.get_url(request)
        for translation in page.get_translations(inclusive=True)
        .live()
        .select_related("locale")
        .only("url_path", "path", "depth", "locale__language_code")
    }


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per configured language: code, name, URL of this page in it, whether it is current.

    For Wagtail pages the URL is the live translation of the page with the same query string (or the
    translated home page when there is none); for other views it is the same URL with the other
    language prefix.
    """
    request = context["request"]
    page = context.get("page")
    translations = {}
    if isinstance(page, Page) and page.pk:
        translations = cached(
            f"translations:{page.translation_key}:{request.get_host()}",
            lambda: _translation_urls(page, request),
        )
    active = get_language()
    # A translated page keeps its query (catalogue filters, sort, page): taxonomy slugs are the same in
    # every language, so the same filters select the same trainers there.
    query = request.GET.urlencode()
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = f"{translations[code]}?{query}" if query else translations[code]
        elif translations:
            url = f"/{code}/"  # the page is not translated: that language's home page
        else:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == active})
    return links


def _contacts():
    contacts = SiteContacts.load()
    return {
        "support_email": contacts.support_email,
        "manager_phone": contacts.manager_phone,
        "company_names": {code: contacts.company_name(code) for code in languages.codes()},
    }


@register.simple_tag
def site_contacts():
    """The footer's support contacts (the ``SiteContacts`` setting) with the company's name in the
    active language, as a dict."""
    contacts = cached("site-contacts", _contacts)
    return {**contacts, "company_name": contacts["company_names"][languages.current()]}


@register.simple_tag(takes_context=True)
def site_banners(context):
    """Site-wide banners from content apps (the ``vt_site_banners`` hook: ``(request) -> html``)."""
    return banners_for_template(context["request"])
