"""Taxonomy snippets that describe a trainer: industry, profession, platform and trainer language.

Each is translatable (one row per locale, linked by ``translation_key``). The ``slug`` is synchronised
across translations: filters and shareable URLs use it, so a URL keeps its meaning in every language
and pages whose many-to-many still points at the source-language rows (wagtail-localize copies them
as they are) are still found and shown with the names of the requested locale.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

slug_validator = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    _("Use lowercase Latin letters, digits and hyphens, for example “work-at-height”."),
)


class Taxonomy(TranslatableMixin, index.Indexed, models.Model):
    """Common fields of the taxonomy snippets."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        validators=[slug_validator],
        help_text=_("Used in filter URLs; the same in every language. Lowercase Latin letters and hyphens."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("sort order"), default=100, help_text=_("Smaller numbers come first in filters.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


def _unique_slug_per_locale(name):
    return models.UniqueConstraint(fields=["locale", "slug"], name=f"catalogue_{name}_unique_slug_locale")


class Industry(Taxonomy):
    """An industry (отрасль): labour safety, power engineering, oil and gas..."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("industry")
        verbose_name_plural = _("industries")
        constraints = [_unique_slug_per_locale("industry")]


class Profession(Taxonomy):
    """A profession or job role the trainer is meant for."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("profession")
        verbose_name_plural = _("professions")
        constraints = [_unique_slug_per_locale("profession")]


class Platform(Taxonomy):
    """A platform the trainer runs on: a VR headset model, a desktop OS, a browser (WebGL), mobile."""

    class Kind(models.TextChoices):
        VR = "vr", _("VR headset")
        DESKTOP = "desktop", _("Desktop")
        WEB = "web", _("Browser (WebGL)")
        MOBILE = "mobile", _("Mobile")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.DESKTOP)

    panels = [*Taxonomy.panels, FieldPanel("kind")]
    translatable_fields = [*Taxonomy.translatable_fields, SynchronizedField("kind")]

    class Meta(Taxonomy.Meta):
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")
        constraints = [_unique_slug_per_locale("platform")]


class TrainerLanguage(Taxonomy):
    """A language the trainer's interface and voice-over are available in."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("trainer language")
        verbose_name_plural = _("trainer languages")
        constraints = [_unique_slug_per_locale("trainerlanguage")]


TAXONOMIES = {
    "industry": Industry,
    "profession": Profession,
    "platform": Platform,
    "language": TrainerLanguage,
}
