"""Texts the site shows that are data, not templates: the company name per language (an English page
never shows the Russian legal form; existing installs keep their name) and the default workflow's name."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from website.models import CompanyName, SiteContacts


@pytest.mark.django_db
def test_a_new_install_names_the_company_in_each_language(client, site_shell):
    SiteContacts.objects.all().delete()
    assert "© " in client.get("/ru/").content.decode()
    assert "ООО «Виар Про»" in client.get("/ru/").content.decode()
    english = client.get("/en/").content.decode()
    assert "VR Pro LLC" in english and "ООО" not in english


@pytest.mark.django_db
def test_an_edited_name_shows_in_its_language_at_once(client, site_shell):
    contacts = SiteContacts.load()
    client.get("/en/")  # cached
    CompanyName.objects.filter(contacts=contacts, language="en").update(name="Viar Pro Ltd")
    contacts.save()  # the admin saves the setting with its names
    assert "Viar Pro Ltd" in client.get("/en/").content.decode()
    assert "ООО «Виар Про»" in client.get("/ru/").content.decode()


@pytest.mark.django_db
def test_a_language_without_a_name_falls_back_to_the_default_one(site_shell):
    contacts = SiteContacts.load()
    CompanyName.objects.filter(contacts=contacts, language="en").delete()
    assert contacts.company_name("en") == contacts.company_name("ru") == "ООО «Виар Про»"


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_an_edited_name_and_reverses():
    def migrate(target):
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate([("website", target)])
        return MigrationExecutor(connection).loader.project_state([("website", target)]).apps

    apps = migrate("0004_faq_list_to_struct_localize")
    OldContacts = apps.get_model("website", "SiteContacts")
    OldContacts.objects.all().delete()
    OldContacts.objects.create(company_name="АО «Тренажёры»")
    try:
        apps = migrate("0005_company_name_per_language")
        names = dict(apps.get_model("website", "CompanyName").objects.values_list("language", "name"))
        # An edited name is kept in every language until an editor writes the English one.
        assert names == {"ru": "АО «Тренажёры»", "en": "АО «Тренажёры»"}

        apps = migrate("0004_faq_list_to_struct_localize")
        assert list(
            apps.get_model("website", "SiteContacts").objects.values_list("company_name", flat=True)
        ) == ["АО «Тренажёры»"]
    finally:
        migrate("0005_company_name_per_language")


@pytest.mark.django_db
def test_the_default_workflow_is_named_in_russian():
    from wagtail.models import Task, Workflow

    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    assert Workflow.objects.filter(name="Согласование модераторами").exists()
