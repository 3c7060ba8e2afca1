"""Wagtail's default workflow and its task are named in English ("Moderators approval") by Wagtail's own
migration; the admin's language is Russian first, and a workflow's name is data, not a translatable
string. Renamed only while it still has Wagtail's name, so an editor's own name is kept."""

from django.db import migrations

WAGTAIL_NAME = "Moderators approval"
RUSSIAN_NAME = "Согласование модераторами"


def rename(apps, old, new):
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=old).update(name=new)


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0005_company_name_per_language"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: rename(apps, WAGTAIL_NAME, RUSSIAN_NAME),
            lambda apps, schema_editor: rename(apps, RUSSIAN_NAME, WAGTAIL_NAME),
        )
    ]
