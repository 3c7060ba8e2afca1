"""``manage.py bootstrap_site``: the structure of a production install, created once, without demo."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Locale, Page, Revision, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from catalogue.models import CatalogueIndexPage, SimulatorPage
from simulators.models import ReleaseNotesIndexPage
from support.helpdesk.models import SupportPage
from support.status.models import StatusPage
from website.models import HomePage, SiteContacts, StandardPage

pytestmark = pytest.mark.django_db

STRUCTURE = [HomePage, CatalogueIndexPage, ReleaseNotesIndexPage, SupportPage, StatusPage]


def _snapshot():
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "latest_revision_id", "live")),
        "revisions": Revision.objects.count(),
        "groups": sorted(Group.objects.values_list("name", "permissions__codename")),
        "sources": TranslationSource.objects.count(),
        "strings": StringTranslation.objects.count(),
        "sites": list(Site.objects.values_list("pk", "root_page_id")),
    }


def _bootstrap():
    call_command("bootstrap_site", stdout=StringIO())


def test_bootstrap_creates_the_structure_once_in_production(settings):
    # Production settings as far as this command sees them: no debug, no demo data.
    settings.DEBUG = False
    settings.DEMO_DATA_ALLOWED = False
    # A flushed database (transactional tests) has lost the migrations' groups too.
    Group.objects.all().delete()
    _bootstrap()

    assert sorted(Locale.objects.values_list("language_code", flat=True)) == ["en", "ru"]
    for model in STRUCTURE:
        assert sorted(model.objects.live().values_list("locale__language_code", flat=True)) == ["en", "ru"]
    slugs = set(StandardPage.objects.filter(locale__language_code="en").values_list("slug", flat=True))
    assert slugs == {"about", "contacts", "lifecycle"}
    assert Site.objects.get(is_default_site=True).root_page.specific.locale.language_code == "ru"
    assert sorted(HomePage.objects.values_list("slug", flat=True)) == ["home", "home-en"]
    assert not SimulatorPage.objects.exists()
    assert SiteContacts.objects.get().support_email == "support@vt-pro.ru"
    support = Group.objects.get(name="Support")
    assert {"access_admin", "view_faultreport", "download_licensed_simulatorbuild"} <= set(
        support.permissions.values_list("codename", flat=True)
    )
    assert Group.objects.get(name="Build managers").permissions.filter(codename="publish_simulatorbuild")
    # The home hero's button opens the catalogue of the home's language.
    for home in HomePage.objects.live():
        assert home.hero_cta_page.specific.locale == home.locale
        assert isinstance(home.hero_cta_page.specific, CatalogueIndexPage)

    before = _snapshot()
    _bootstrap()
    assert _snapshot() == before
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=StringIO())


def test_english_pages_are_translations_that_sync_from_russian(client):
    _bootstrap()
    for page in Page.objects.filter(locale__language_code="en", depth__gt=1):
        source = TranslationSource.objects.get(object_id=page.translation_key, locale__language_code="ru")
        assert Translation.objects.filter(source=source, target_locale=page.locale).exists(), page
    html = client.get("/en/lifecycle/").content.decode()
    assert "at least 3 (three) working days" in html
    assert "не менее чем за 3" in client.get("/ru/lifecycle/").content.decode()

    # An editor changes the Russian page and syncs the English one (what the admin's "Sync" does).
    lifecycle_ru = StandardPage.objects.get(slug="lifecycle", locale__language_code="ru")
    lifecycle_ru.intro = "Новое вступление."
    lifecycle_ru.save_revision().publish()
    source = TranslationSource.objects.get(object_id=lifecycle_ru.translation_key, locale=lifecycle_ru.locale)
    source.update_from_db()
    Translation.objects.get(source=source).save_target(publish=False)
    lifecycle_en = StandardPage.objects.get(slug="lifecycle", locale__language_code="en")
    draft = lifecycle_en.get_latest_revision_as_object()
    # The new, untranslated text comes over from Russian; what was translated stays English.
    assert draft.intro == "Новое вступление."
    assert draft.title == "Lifecycle support"
