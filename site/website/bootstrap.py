"""``bootstrap_site``: what a production install needs before anyone logs in, without demo content.

The locales, the default site with the home page in Russian and English, the site's own pages
(about, contacts, lifecycle support, the demo request form), the roles, and then each content app's
structural pages from ``<app>.bootstrap.load(ctx)`` (catalogue, release notes, support, status).
Pages are created once and never overwritten: a second run, or a run after editors changed the
pages, changes nothing.
"""

from importlib import import_module
from importlib.util import find_spec

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Locale, Page, Site

from catalogue.queries import catalogue_page_for
from core.languages import codes as language_codes
from website.content import ABOUT, CONTACTS, DEMO_REQUEST, HOME, LIFECYCLE
from website.demo.context import DemoContext, root_page
from website.models import DemoRequestPage, HomePage, SiteContacts, StandardPage

HOME_SLUG = "home"
APP_BOOTSTRAPS = ["catalogue", "simulators", "support.helpdesk", "support.status"]
# The data migrations that create the roles; their permission tables are reused, not repeated.
ROLE_MIGRATIONS = [
    "support.migrations.0003_support_group",
    "simulators.migrations.0003_build_roles",
    "website.migrations.0008_sales_role",
    "customers.migrations.0003_registry_roles",
    "support.status.migrations.0003_incident_roles",
]
DEMO_REQUEST_SLUG = "demo"


@transaction.atomic
def _ensure_home_ru():
    root = root_page()
    locale_ru = Locale.objects.get(language_code="ru")
    home = HomePage.objects.filter(depth=2, locale=locale_ru).first()
    placeholders = Page.objects.none()
    if home is None:
        # Wagtail's migration creates a placeholder page at the slug we want; move it aside.
        placeholders = (
            Page.objects.child_of(root).filter(locale=locale_ru).exclude(content_type__model="homepage")
        )
        for placeholder in placeholders.filter(slug=HOME_SLUG):
            placeholder.slug = f"{HOME_SLUG}-placeholder-{placeholder.pk}"
            placeholder.save(update_fields=["slug"])
        home = HomePage(slug=HOME_SLUG, locale=locale_ru, **HOME["ru"])
        root.add_child(instance=home)
        DemoContext.publish(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True, hostname="localhost", port=80, site_name="VT Platform")
    if site.pk is None or site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    # The old placeholder is unreachable now (deleted only after the site left it: the site's root
    # page cascades); drop it so it never shows in the admin or search.
    placeholders.delete()
    return home


def _migration_roles():
    """``{group name: permission codenames}`` as the data migrations grant them.

    Matched by codename: the support models' permissions moved from the historic ``support`` label
    to the split apps (``support/0006``), and every codename here is unique.
    """
    roles = {}
    for path in ROLE_MIGRATIONS:
        migration = import_module(path)
        if hasattr(migration, "ROLES"):
            tables = {name: [row[-1] for row in rows] for name, rows in migration.ROLES.items()}
        else:
            tables = {migration.GROUP: [row[-1] for row in migration.PERMISSIONS]}
        for name, codenames in tables.items():
            roles.setdefault(name, []).extend(codenames)
    return roles


def ensure_roles():
    """The groups of the data migrations, recreated with their permissions where they are missing (a
    flushed database); a group that exists is left as editors configured it."""
    for name, codenames in _migration_roles().items():
        group, created = Group.objects.get_or_create(name=name)
        if created:
            group.permissions.set(Permission.objects.filter(codename__in=codenames))


def load(ctx):
    """Locales, the home pages and the site's own pages in Russian and English; sets ``ctx.homes``."""
    for code in language_codes():
        Locale.objects.get_or_create(language_code=code)
    home_ru = _ensure_home_ru()
    locale_en = Locale.objects.get(language_code="en")
    home_en = home_ru.get_translation_or_none(locale_en)
    if home_en is None:
        # Both homes are children of the root: the slug names the language, as Wagtail's copy does.
        home_en = ctx.ensure_translation(home_ru, locale_en, slug=f"{HOME_SLUG}-en", **HOME["en"])
    home_en = home_en.specific
    ctx.homes = {"ru": home_ru, "en": home_en}
    for slug, texts in (("about", ABOUT), ("contacts", CONTACTS), ("lifecycle", LIFECYCLE)):
        ctx.ensure_pair(
            home_ru,
            home_en,
            StandardPage,
            slug,
            ru={**texts["ru"], "show_in_menus": True},
            en={**texts["en"], "show_in_menus": True},
            keep_existing=True,
        )
    # Reached from the trainer pages' "Request a demo" button, not from the menu.
    ctx.ensure_pair(
        home_ru,
        home_en,
        DemoRequestPage,
        DEMO_REQUEST_SLUG,
        ru=DEMO_REQUEST["ru"],
        en=DEMO_REQUEST["en"],
        keep_existing=True,
    )
    # The contacts setting with its defaults (support@vt-pro.ru): made here, not by the first visitor,
    # whose request would otherwise create it and so drop every cached page right after serving.
    SiteContacts.load()
    ctx.log("site: home pages, standard pages and the demo request form in ru/en")


def bootstrap_site(ctx):
    """The whole structure: the site's pages, the roles, then each app's structural pages."""
    load(ctx)
    ensure_roles()
    for app in APP_BOOTSTRAPS:
        if find_spec(f"{app}.bootstrap") is not None:
            import_module(f"{app}.bootstrap").load(ctx)
    _link_home_call_to_action(ctx)


def _link_home_call_to_action(ctx):
    """The home hero's button opens the catalogue of its language, unless an editor chose a page."""
    # Read afresh: the homes in ctx were loaded before the apps added their children, and a stale
    # page would write its old tree fields back when published.
    for home in HomePage.objects.filter(pk__in=[home.pk for home in ctx.homes.values()]):
        if home.hero_cta_page_id is None:
            catalogue = catalogue_page_for(home.locale)
            if catalogue is not None:
                home.hero_cta_page = catalogue
                ctx.publish(home)
