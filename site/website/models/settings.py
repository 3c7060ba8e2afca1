"""Site-wide editable settings."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from core import languages

# The operator's name until an editor sets it; the Russian catalogue holds the Russian legal name.
DEFAULT_COMPANY_NAME = _("VR Pro LLC")


@register_setting(icon="mail")
class SiteContacts(BaseGenericSetting, ClusterableModel):
    """Support contacts shown in the footer of every page and on the support page.

    The company's name is written per language (``CompanyName``): Wagtail's settings cannot be
    translated with wagtail-localize, and the Russian legal form ("ООО «…»") has no place on an English
    page."""

    support_email = models.EmailField(_("support e-mail"), default="support@vt-pro.ru")
    manager_phone = models.CharField(
        _("personal manager's phone"),
        max_length=40,
        default="+7 495 000-00-00",
        help_text=_("Shown in the footer as the phone of your personal manager."),
    )

    panels = [
        FieldPanel("support_email"),
        FieldPanel("manager_phone"),
        InlinePanel("company_names", label=_("Company name"), min_num=1),
    ]

    class Meta:
        verbose_name = _("site contacts")

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        if adding and not self.company_names.exists():
            for code in languages.codes():
                with translation.override(code):
                    CompanyName.objects.create(contacts=self, language=code, name=str(DEFAULT_COMPANY_NAME))

    def company_name(self, language=None):
        """The name in ``language`` (the active one by default), else in the default language."""
        names = {name.language: name.name for name in self.company_names.all()}
        return names.get(language or languages.current()) or names.get(languages.default(), "")


class CompanyName(models.Model):
    """The company's name as written on pages in one language."""

    contacts = ParentalKey(SiteContacts, on_delete=models.CASCADE, related_name="company_names")
    language = models.CharField(_("language"), max_length=8, choices=languages.choices)
    name = models.CharField(_("company name"), max_length=200)

    class Meta:
        verbose_name = _("company name")
        constraints = [
            models.UniqueConstraint(fields=["contacts", "language"], name="website_company_name_per_language")
        ]

    def __str__(self):
        return self.name
