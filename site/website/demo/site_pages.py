"""The site shell: locales, home pages in both languages and the standard pages."""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from website.demo.content import ABOUT, CONTACTS, HOME, LIFECYCLE
from website.demo.context import DemoContext, root_page
from website.models import HomePage, SiteContacts, StandardPage

HOME_SLUG = "home"


@transaction.atomic
def _ensure_home_ru():
    root = root_page()
    locale_ru, _ = Locale.objects.get_or_create(language_code="ru")
    home = HomePage.objects.filter(depth=2, locale=locale_ru).first()
    if home is None:
        # Wagtail's migration creates a placeholder page at the slug we want; move it aside.
        for placeholder in (
            Page.objects.child_of(root).filter(slug=HOME_SLUG).exclude(content_type__model="homepage")
        ):
            placeholder.slug = f"{HOME_SLUG}-placeholder-{placeholder.pk}"
            placeholder.save(update_fields=["slug"])
        home = HomePage(slug=HOME_SLUG, locale=locale_ru, **HOME["ru"])
        root.add_child(instance=home)
    else:
        for name, value in HOME["ru"].items():
            setattr(home, name, value)
    DemoContext.publish(home)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.site_name = "localhost", 80, "VT Platform"
    site.root_page = home
    site.save()
    # The old placeholder is unreachable now; drop it so it never shows in the admin or search.
    Page.objects.child_of(root).exclude(pk=home.pk).filter(locale=locale_ru).exclude(
        content_type__model="homepage"
    ).delete()
    return home


def load(ctx):
    locale_en, _ = Locale.objects.get_or_create(language_code="en")
    home_ru = _ensure_home_ru()
    home_en = ctx.ensure_translation(home_ru, locale_en, **HOME["en"])
    ctx.homes = {"ru": home_ru, "en": home_en}

    for slug, texts in (("about", ABOUT), ("contacts", CONTACTS), ("lifecycle", LIFECYCLE)):
        ctx.ensure_pair(
            home_ru,
            home_en,
            StandardPage,
            slug,
            ru={**texts["ru"], "show_in_menus": True},
            en={**texts["en"], "show_in_menus": True},
        )
    contacts = SiteContacts.load()
    contacts.support_email = "support@vt-pro.ru"
    contacts.save()
    ctx.log(f"site: home pages ru/en and {3 * 2} standard pages")
