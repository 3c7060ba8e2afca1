"""Page slugs are ASCII (``WAGTAIL_ALLOW_UNICODE_SLUGS = False``): Cyrillic is transliterated, never
dropped and never kept, so that addresses stay readable when copied into e-mails and messengers."""

from anyascii import anyascii
from django.utils.text import slugify


def ascii_slug(text: str) -> str:
    """``"Сварка в защитных газах"`` -> ``"svarka-v-zashchitnykh-gazakh"``."""
    return slugify(anyascii(text or ""))


class AsciiSlugMixin:
    """For page models. The admin's slug field transliterates as the editor types; this covers what it
    does not: a slug typed or pasted in Cyrillic, and pages made in code or by the API without a slug,
    for which Wagtail's own fallback (Django's ``slugify`` of the title) would drop every Cyrillic
    letter and leave the slug empty."""

    def full_clean(self, *args, **kwargs):
        if not self.slug or not self.slug.isascii():
            self.slug = ascii_slug(self.slug or self.title)
        super().full_clean(*args, **kwargs)
