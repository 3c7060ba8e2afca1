"""wagtail-localize's stored copies of the FAQ change of 0003, so pages translated through its editor
keep their translations.

Two things in wagtail-localize's tables still have the old bare-list FAQ:

* ``TranslationSource.content_json``: a home or standard page as it was when it was sent for
  translation, serialized like a revision (``body`` is a JSON string). Every translation is built
  from it (``as_instance()``), not from the live page. Its body is converted the way 0003 converts
  revisions.
* The position of each translatable segment, ``TranslationContext.path``. Translations and overrides
  are tied to a context: an object (a page's ``translation_key``) plus a path. wagtail-localize
  builds the path from the stream block id, then the list item id, then the struct field
  (``StreamFieldSegmentExtractor``). The FAQ item is now one level deeper:

      body.<faq block id>.<item id>.question        ->  body.<faq block id>.items.<item id>.question
      field_path body.faq.item.question             ->  body.faq.items.item.question

  The same goes for the answer's template and strings (``...answer``) and the overridable links in it
  (``...answer.'<href>'``). ``path_id`` is the hash of the path (the unique key, with the object), so
  it is recomputed with wagtail-localize's own function. A context is converted when its field path is
  the old one, or, for a context from before field paths (wagtail-localize < 1.0, empty field path),
  when its path is under an FAQ block that was a list in the object's source. Stale contexts (an FAQ
  since removed from the page) are converted too: they are wagtail-localize's translation memory.
  When the new path already exists for the object (a source re-synced after 0003 and before this
  migration), the old context is merged into it; the translations and overrides already there win.

Sources at the schema of 0002 or 0003 are marked as at this schema: they match it now, and would
otherwise show "the data model has changed since the last sync" in the translation editor.

Not reversible in data (the reverse is a no-op), like 0003: the FAQ stays a struct, and the paths
must match it."""

import json

from django.db import migrations
from wagtail.blocks.migrations.utils import apply_changes_to_raw_data
from wagtail_localize.models import TranslationContext as LiveTranslationContext

from core.blocks import FAQListToStructOperation

MODELS = ("HomePage", "StandardPage")
FIELD = "body"
FAQ = "faq"
OLD_FIELD_PATH = f"{FIELD}.{FAQ}.item."
NEW_FIELD_PATH = f"{FIELD}.{FAQ}.items.item."
PREVIOUS_SCHEMAS = ("0002_shared_core_blocks", "0003_faq_list_to_struct")
THIS_SCHEMA = "0004_faq_list_to_struct_localize"
SEGMENT_MODELS = ("StringSegment", "TemplateSegment", "RelatedObjectSegment", "OverridableSegment")


def convert_content(content_json, streamfield):
    """The source's serialized page with its FAQ blocks as structs, and the ids of the FAQ blocks that
    were lists; ``(content_json, set())`` when there is nothing to convert."""
    content = json.loads(content_json)
    body = content.get(FIELD)
    if not body:
        return content_json, set()
    raw = json.loads(body) if isinstance(body, str) else body
    old_ids = {
        child.get("id")
        for child in raw
        if isinstance(child, dict) and child.get("type") == FAQ and isinstance(child.get("value"), list)
    }
    if not old_ids:
        return content_json, set()
    raw = apply_changes_to_raw_data(raw, FAQ, FAQListToStructOperation(title=""), streamfield=streamfield)
    content[FIELD] = json.dumps(raw) if isinstance(body, str) else raw
    return json.dumps(content), old_ids - {None}


def new_path(path, field_path, old_faq_ids):
    """The context's ``(path, field_path)`` after the change, or ``None`` if it is not an old FAQ item's."""
    parts = path.split(".", 2)  # the rest may hold a quoted href, dots and all
    if len(parts) < 3 or parts[0] != FIELD:
        return None
    if field_path:
        if not field_path.startswith(OLD_FIELD_PATH):
            return None
        field_path = NEW_FIELD_PATH + field_path[len(OLD_FIELD_PATH) :]
    elif parts[1] not in old_faq_ids:
        return None
    return f"{parts[0]}.{parts[1]}.items.{parts[2]}", field_path


def _merge_context(apps, old, target):
    """Moves what refers to ``old`` to ``target`` (which wins on conflict) and deletes ``old``."""
    for name in SEGMENT_MODELS:
        apps.get_model("wagtail_localize", name).objects.filter(context=old).update(context=target)
    StringTranslation = apps.get_model("wagtail_localize", "StringTranslation")
    for translation in StringTranslation.objects.filter(context=old):
        taken = StringTranslation.objects.filter(
            context=target, locale_id=translation.locale_id, translation_of_id=translation.translation_of_id
        ).exists()
        if taken:
            translation.delete()
        else:
            StringTranslation.objects.filter(pk=translation.pk).update(context=target)
    SegmentOverride = apps.get_model("wagtail_localize", "SegmentOverride")
    for override in SegmentOverride.objects.filter(context=old):
        if SegmentOverride.objects.filter(context=target, locale_id=override.locale_id).exists():
            override.delete()
        else:
            SegmentOverride.objects.filter(pk=override.pk).update(context=target)
    old.delete()


def convert_localize_data(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    TranslationContext = apps.get_model("wagtail_localize", "TranslationContext")

    streamfields = {
        content_type.pk: getattr(apps.get_model("website", content_type.model), FIELD)
        for content_type in ContentType.objects.filter(
            app_label="website", model__in=[name.lower() for name in MODELS]
        )
    }
    old_faq_ids = {}  # translation key -> ids of FAQ blocks that were lists in one of its sources
    for source in TranslationSource.objects.filter(specific_content_type_id__in=streamfields):
        streamfield = streamfields[source.specific_content_type_id]
        content_json, ids = convert_content(source.content_json, streamfield)
        old_faq_ids.setdefault(source.object_id, set()).update(ids)
        update_fields = []
        if ids:
            source.content_json = content_json
            update_fields.append("content_json")
        if source.schema_version in PREVIOUS_SCHEMAS:
            source.schema_version = THIS_SCHEMA
            update_fields.append("schema_version")
        if update_fields:
            source.save(update_fields=update_fields)

    contexts = TranslationContext.objects.filter(object_id__in=old_faq_ids, path__startswith=f"{FIELD}.")
    for context in contexts.order_by("pk"):
        changed = new_path(context.path, context.field_path, old_faq_ids[context.object_id])
        if changed is None:
            continue
        path, field_path = changed
        path_id = LiveTranslationContext._get_path_id(path)  # the hash wagtail-localize looks up
        target = TranslationContext.objects.filter(object_id=context.object_id, path_id=path_id).first()
        if target is None:
            TranslationContext.objects.filter(pk=context.pk).update(
                path=path, path_id=path_id, field_path=field_path
            )
        else:
            _merge_context(apps, context, target)


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0003_faq_list_to_struct"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        # Reverse: a no-op, see the module docstring.
        migrations.RunPython(convert_localize_data, migrations.RunPython.noop),
    ]
