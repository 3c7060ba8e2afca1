"""Roles of the build permissions: the "Build managers" group, and what Support may do with builds.

Build managers upload, publish, withdraw and delete builds and may fetch licensed builds to check them.
Support may fetch licensed builds and issues personal download links; it alone (with superusers) reads
the download log, which holds IP addresses and user agents.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Build managers": [
        ("wagtailadmin", "access_admin"),
        ("simulators", "view_simulatorbuild"),
        ("simulators", "add_simulatorbuild"),
        ("simulators", "change_simulatorbuild"),
        ("simulators", "delete_simulatorbuild"),
        ("simulators", "publish_simulatorbuild"),
        ("simulators", "download_licensed_simulatorbuild"),
    ],
    "Support": [
        ("wagtailadmin", "access_admin"),
        ("simulators", "download_licensed_simulatorbuild"),
        ("simulators", "view_personaldownloadlink"),
        ("simulators", "add_personaldownloadlink"),
        ("simulators", "change_personaldownloadlink"),
        ("simulators", "view_downloadlog"),
    ],
}


def grant(apps, schema_editor):
    # Permissions are normally created after migrations; make sure the simulators ones exist now.
    config = apps.get_app_config("simulators")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in permissions:
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            group.permissions.add(*permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name="Build managers").delete()
    support = Group.objects.filter(name="Support").first()
    if support is not None:
        support.permissions.remove(*support.permissions.filter(content_type__app_label="simulators"))


class Migration(migrations.Migration):
    dependencies = [
        ("simulators", "0002_build_permissions"),
        # The Support group is created there; this migration only adds the build permissions to it.
        ("support", "0003_support_group"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
