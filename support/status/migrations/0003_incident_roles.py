"""The "Support" role (the on-call engineers) opens incidents and posts their updates. Nobody but a
superuser deletes one: the timeline is a public record."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Support": [
        ("wagtailadmin", "access_admin"),
        ("status", "view_incident"),
        ("status", "add_incident"),
        ("status", "change_incident"),
        ("status", "view_incidentupdate"),
    ],
}


def grant(apps, schema_editor):
    # Permissions are normally created after migrations; make sure the status ones exist now.
    config = apps.get_app_config("status")
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
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="status", codename__contains="incident"))


class Migration(migrations.Migration):
    dependencies = [
        ("status", "0002_incidents"),
        # Creating the status app's permissions creates its content types: only after the hand-over from
        # the old "support" app has relabelled the moved models' ones in place (same ids).
        ("support", "0006_hand_over_to_split_apps"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
