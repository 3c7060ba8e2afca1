"""What ``bootstrap_site`` and ``load_demo`` hand to each app's loader: idempotent pages and their
wagtail-localize translations."""

from dataclasses import dataclass, field

from django.db import transaction
from wagtail.fields import StreamField
from wagtail.models import Collection, Locale, Page
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


@dataclass
class DemoContext:
    """Passed to each app's ``bootstrap.load(ctx)`` and ``demo.load(ctx)``.

    ``homes`` maps a language code to that language's home page; ``options`` holds the command's
    options (for example ``simulators`` for the catalogue generator). The methods create or update
    published pages idempotently, so apps need not import the site layer.
    """

    stdout: object
    options: dict = field(default_factory=dict)
    homes: dict = field(default_factory=dict)

    def log(self, message):
        self.stdout.write(message)

    def log_pages(self, label, *pages):
        """One line naming where ``pages`` are on the site (their public URLs, not tree paths)."""
        self.log(f"{label}: {'  '.join(page.get_url() or page.title for page in pages)}")

    @property
    def locales(self):
        return {locale.language_code: locale for locale in Locale.objects.all()}

    @staticmethod
    def publish(page, user=None):
        """Save a revision and publish it (demo content is always live)."""
        revision = page.save_revision(user=user, log_action=False)
        revision.publish(user=user, log_action=False)
        page.refresh_from_db()
        return page

    @transaction.atomic
    def ensure_child(self, parent, model, slug, **fields):
        """Create or update the child of ``parent`` with ``slug``; returns the published page."""
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            page = model(slug=slug, locale=parent.locale, **fields)
            _bind_streams(page, fields)
            parent.add_child(instance=page)
        else:
            for name, value in fields.items():
                setattr(page, name, value)
            _bind_streams(page, fields)
        return self.publish(page)

    @transaction.atomic
    def ensure_translation(self, page, locale, **fields):
        """Create or update the ``locale`` translation of ``page`` the way wagtail-localize does;
        returns the published translation.

        ``fields`` are the translated texts, shaped like the source's (the same blocks, paragraphs and
        list items in the same order). Each source string gets its translation in the translation
        memory, and wagtail-localize writes the translated page from the source, so an editor can later
        change the Russian page and sync the English one from it.
        """
        source, _ = TranslationSource.update_or_create_from_instance(page)
        # Strings the caller leaves out (the home page's slug, say) keep the source's text.
        translated = source.as_instance()
        for name, value in fields.items():
            setattr(translated, name, value)
        _bind_streams(translated, fields)
        strings = [s for s in extract_segments(translated) if isinstance(s, StringSegmentValue)]
        segments = list(
            StringSegment.objects.filter(source=source).order_by("order").select_related("string", "context")
        )
        if len(strings) != len(segments):
            raise ValueError(
                f"the {locale.language_code} texts of «{page.title}» have {len(strings)} strings, "
                f"its source has {len(segments)}: give both the same blocks and paragraphs"
            )
        self._remember(source, locale, segments, strings)
        translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
        # With publish=True wagtail-localize publishes on commit; the page must be live on return.
        translation.save_target(publish=False)
        target = translation.get_target_instance().specific
        # What wagtail-localize does not translate (many-to-many links, per-language child rows) is
        # set here, as an editor would after a sync; only then does the page need another revision.
        texts = {f.field_name for f in get_translatable_fields(type(target)) if f.is_translated(target)}
        untranslated = {name: value for name, value in fields.items() if name not in texts}
        if any(_differs(target, name, value) for name, value in untranslated.items()):
            for name, value in untranslated.items():
                setattr(target, name, value)
            return self.publish(target)
        target.get_latest_revision().publish(log_action=False)
        target.refresh_from_db()
        return target

    @staticmethod
    def _remember(source, locale, segments, strings):
        """Store ``strings`` as the ``locale`` translations of the source's ``segments`` (in bulk: the
        site's pages have a few hundred strings)."""
        known = {
            (row.translation_of_id, row.context_id): row
            for row in StringTranslation.objects.filter(locale=locale, context__object_id=source.object_id)
        }
        new, changed = [], []
        for segment, string in zip(segments, strings, strict=True):
            data = string.string.data
            row = known.get((segment.string_id, segment.context_id))
            if row is None:
                new.append(
                    StringTranslation(
                        translation_of_id=segment.string_id,
                        context_id=segment.context_id,
                        locale=locale,
                        data=data,
                    )
                )
            elif row.data != data:
                row.data = data
                changed.append(row)
        StringTranslation.objects.bulk_create(new)
        StringTranslation.objects.bulk_update(changed, ["data"])

    def ensure_pair(self, parent_ru, parent_en, model, slug, ru, en, keep_existing=False):
        """A page in Russian under ``parent_ru`` and its English translation; returns both.

        With ``keep_existing`` a pair that already exists is returned as it is: ``bootstrap_site``
        creates the site's pages once and never overwrites what editors made of them.
        """
        if keep_existing:
            page_ru = model.objects.child_of(parent_ru).filter(slug=slug).first()
            page_en = page_ru and page_ru.get_translation_or_none(parent_en.locale)
            if page_en is not None:
                return page_ru, page_en.specific
        page_ru = self.ensure_child(parent_ru, model, slug, **ru)
        page_en = self.ensure_translation(page_ru, parent_en.locale, slug=slug, **en)
        return page_ru, page_en


def _bind_streams(page, fields):
    """Write the StreamFields in ``fields`` as saved data: every block and list item with its id.

    A StreamField assigned raw data keeps it as given; list items given as plain values have no ids,
    and wagtail-localize extracts no segments from a list that is not in that format, so their
    translations would never reach the translated page. Reading each block binds it, and the stream's
    prepared value then carries ids for blocks and list items alike.
    """
    for name in fields:
        if isinstance(page._meta.get_field(name), StreamField):
            stream = getattr(page, name)
            for _block in stream:
                pass
            setattr(page, name, stream.get_prep_value())


def _differs(page, name, value):
    # Related managers (many-to-many links, child rows) cannot be compared: treat them as changed.
    current = getattr(page, name)
    return hasattr(current, "all") or current != value


def root_page():
    """The page tree root; recreated, with the root collection, when a flushed database lost them.

    Wagtail's migrations create both; transactional tests (browser tests) flush every table.
    """
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        locale, _ = Locale.objects.get_or_create(language_code="ru")
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale, live=True))
    return root
