"""The FAQ of home and standard page bodies was a bare list of questions (website.blocks.FAQBlock, a
ListBlock); it is now core.blocks.FAQBlock, ``{"title": "", "items": [...]}``. Live content, drafts and
every revision (``revisions_from=None``) are rewritten, so old revisions can still be previewed and
restored. The empty title renders no heading: the pages look as before.

Not reversible in data (the reverse is a no-op): the old list cannot hold the new title."""

from django.db import migrations
from wagtail.blocks.migrations.migrate_operation import MigrateStreamData

from core.blocks import FAQListToStructOperation


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0002_shared_core_blocks"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        MigrateStreamData(
            app_name="website",
            model_name=model_name,
            field_name="body",
            operations_and_block_paths=[(FAQListToStructOperation(title=""), "faq")],
            revisions_from=None,
        )
        for model_name in ("HomePage", "StandardPage")
    ]
