"""The registry's permissions: the Support group keeps the registry (learners' UINs are personal data,
so, as with fault reports, no other group sees them); Sales read customers and licences."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Support": [
        ("customers", f"{action}_{model}")
        for model in ("customer", "licence", "learneruin", "devicekey", "managercontact")
        for action in ("view", "add", "change", "delete")
    ],
    "Sales": [("customers", "view_customer"), ("customers", "view_licence")],
}


def grant(apps, schema_editor):
    # Permissions are normally created after migrations; make sure the registry's exist now.
    config = apps.get_app_config("customers")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, rows in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        codenames = [codename for _app, codename in rows]
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="customers", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="customers"))


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0002_manager_contact_and_inline_licences"),
        ("support", "0003_support_group"),
        ("website", "0008_sales_role"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
