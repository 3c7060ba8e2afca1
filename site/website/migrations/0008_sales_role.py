"""The "Sales" role: reads the demo requests (personal data) in the admin and receives them by e-mail,
and may delete one when its sender asks to be forgotten. Nobody edits a request."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Sales": [
        ("wagtailadmin", "access_admin"),
        ("website", "view_demorequest"),
        ("website", "delete_demorequest"),
    ],
}


def grant(apps, schema_editor):
    # Permissions are normally created after migrations; make sure the website ones exist now.
    config = apps.get_app_config("website")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in permissions:
            group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename=codename))


def revoke(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0007_demorequestpage_demorequest"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
