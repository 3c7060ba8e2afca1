"""Hand the support models over to the ``notifications``, ``helpdesk`` and ``status`` apps.

Nothing moves in the database: the tables keep their ``support_*`` names (``Meta.db_table`` in the
new apps) and each new app's ``0001_initial`` creates its models in the migration state only. This
migration

1. removes the moved models from the ``support`` app's state (state only, the tables stay), and
2. moves the ``django_content_type`` rows of the moved models from ``support`` to the new labels, in
   place: Wagtail pages' ``content_type``, revisions, the outbox's generic ``source``, wagtail-localize
   sources, log entries, the reference index and the permissions (so the "Support" group's) all point at
   those rows by id and keep working. Where a row with the new label already exists (e.g. a ``migrate``
   of the new apps ran ``post_migrate`` before this migration), every reference to the old row is moved
   onto it and the old row is deleted.

Reversible: backwards, the rows go back to ``support`` the same way.
"""

from django.db import IntegrityError, migrations, transaction

MOVED = {
    "notifications": ["outboxmessage"],
    "helpdesk": [
        "referencecounter",
        "supportpage",
        "dutyshift",
        "faultreport",
        "timelineevent",
        "faultattachment",
    ],
    "status": [
        "statuspage",
        "workingdayexception",
        "maintenancenoticepage",
        "maintenanceupdate",
        "noticedispatch",
        "subscriber",
    ],
}


def _fields_pointing_at(apps, label_lower):
    """(model, field) for every concrete foreign key in the state that points at ``label_lower``."""
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if (
                getattr(field, "concrete", False)
                and field.is_relation
                and (field.many_to_one or field.one_to_one)
                and field.related_model is not None
                and field.related_model._meta.label_lower == label_lower
            ):
                yield model, field


def _merge_permissions(apps, db, old, new):
    """Move the permissions of content type ``old`` to ``new``; where ``new`` already has the same
    codename, its twin takes over the old permission's groups and users."""
    Permission = apps.get_model("auth", "Permission")
    links = [
        (field.remote_field.through, field.m2m_field_name(), field.m2m_reverse_field_name())
        for model in apps.get_models()
        for field in model._meta.many_to_many
        if field.related_model is Permission
    ]
    for permission in Permission.objects.using(db).filter(content_type=old):
        twin = Permission.objects.using(db).filter(content_type=new, codename=permission.codename).first()
        if twin is None:
            permission.content_type = new
            permission.save(update_fields=["content_type"])
            continue
        for through, owner, target in links:
            rows = through.objects.using(db).filter(**{target: permission})
            holders = through.objects.using(db).filter(**{target: twin}).values_list(f"{owner}_id", flat=True)
            rows.filter(**{f"{owner}_id__in": list(holders)}).delete()
            rows.update(**{target: twin})
        permission.delete()


def _merge(apps, db, old, new):
    """Point every reference to content type ``old`` at ``new``, then delete ``old``."""
    _merge_permissions(apps, db, old, new)
    for model, field in _fields_pointing_at(apps, "contenttypes.contenttype"):
        if model._meta.label_lower == "auth.permission":
            continue
        manager = model._base_manager.db_manager(db)
        for pk in list(manager.filter(**{field.name: old}).values_list("pk", flat=True)):
            try:
                with transaction.atomic(using=db):
                    manager.filter(pk=pk).update(**{field.name: new})
            except IntegrityError:
                # The same row already exists for the new content type: this one is a duplicate.
                manager.filter(pk=pk).delete()
    old.delete()


def _move(apps, schema_editor, *, backwards):
    from django.contrib.contenttypes.models import ContentType as LiveContentType

    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for label, models in MOVED.items():
        source, target = (label, "support") if backwards else ("support", label)
        for model in models:
            old = ContentType.objects.using(db).filter(app_label=source, model=model).first()
            if old is None:
                continue
            existing = ContentType.objects.using(db).filter(app_label=target, model=model).first()
            if existing is None:
                ContentType.objects.using(db).filter(pk=old.pk).update(app_label=target)
            else:
                _merge(apps, db, old, existing)
    # Content types are cached per process by (app_label, model) and by id.
    LiveContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    _move(apps, schema_editor, backwards=False)


def backwards(apps, schema_editor):
    _move(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0005_outbox_created_at_db_default"),
        ("notifications", "0001_initial"),
        ("helpdesk", "0001_initial"),
        ("status", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="FaultAttachment"),
                migrations.DeleteModel(name="TimelineEvent"),
                migrations.DeleteModel(name="FaultReport"),
                migrations.DeleteModel(name="DutyShift"),
                migrations.DeleteModel(name="ReferenceCounter"),
                migrations.DeleteModel(name="SupportPage"),
                migrations.DeleteModel(name="MaintenanceUpdate"),
                migrations.DeleteModel(name="MaintenanceNoticePage"),
                migrations.DeleteModel(name="StatusPage"),
                migrations.DeleteModel(name="NoticeDispatch"),
                migrations.DeleteModel(name="Subscriber"),
                migrations.DeleteModel(name="WorkingDayException"),
                migrations.DeleteModel(name="OutboxMessage"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
