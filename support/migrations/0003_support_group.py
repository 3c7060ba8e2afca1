"""The "Support" group: the only non-superusers who see fault reports (personal data) and duty shifts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Support"
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("support", "faultreport", "view_faultreport"),
    ("support", "faultreport", "change_faultreport"),
    ("support", "dutyshift", "view_dutyshift"),
    ("support", "dutyshift", "add_dutyshift"),
    ("support", "dutyshift", "change_dutyshift"),
    ("support", "dutyshift", "delete_dutyshift"),
    ("support", "outboxmessage", "view_outboxmessage"),
]


def create_group(apps, schema_editor):
    # Permissions are normally created after migrations; make sure the support ones exist now.
    for label in ("support",):
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, model, codename in PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission:
            group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0002_fault_reports"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
