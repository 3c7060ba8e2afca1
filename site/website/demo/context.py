"""What ``load_demo`` hands to each app's demo loader: idempotent pages and translations."""

from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import Collection, Locale, Page


@dataclass
class DemoContext:
    """Passed to each app's ``demo.load(ctx)``.

    ``homes`` maps a language code to that language's home page; ``options`` holds the command's
    options (for example ``simulators`` for the catalogue generator). The methods create or update
    published pages idempotently, so apps need not import the site layer.
    """

    stdout: object
    options: dict = field(default_factory=dict)
    homes: dict = field(default_factory=dict)

    def log(self, message):
        self.stdout.write(message)

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
            parent.add_child(instance=page)
        else:
            for name, value in fields.items():
                setattr(page, name, value)
        return self.publish(page)

    @transaction.atomic
    def ensure_translation(self, page, locale, **fields):
        """Create or update the ``locale`` translation of ``page``; returns the published translation."""
        translation = page.get_translation_or_none(locale)
        if translation is None:
            translation = page.copy_for_translation(locale, copy_parents=False, alias=False)
        translation = translation.specific
        for name, value in fields.items():
            setattr(translation, name, value)
        return self.publish(translation)

    def ensure_pair(self, parent_ru, parent_en, model, slug, ru, en):
        """A page in Russian under ``parent_ru`` and its English translation; returns both."""
        page_ru = self.ensure_child(parent_ru, model, slug, **ru)
        page_en = self.ensure_translation(page_ru, parent_en.locale, slug=slug, **en)
        return page_ru, page_en


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
