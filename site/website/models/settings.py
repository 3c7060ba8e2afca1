"""Site-wide editable settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="mail")
class SiteContacts(BaseGenericSetting):
    """Support contacts shown in the footer of every page and on the support page."""

    support_email = models.EmailField(_("support e-mail"), default="support@vt-pro.ru")
    manager_phone = models.CharField(
        _("personal manager's phone"),
        max_length=40,
        default="+7 495 000-00-00",
        help_text=_("Shown in the footer as the phone of your personal manager."),
    )
    company_name = models.CharField(_("company name"), max_length=200, default="ООО «Виар Про»")

    panels = [FieldPanel("support_email"), FieldPanel("manager_phone"), FieldPanel("company_name")]

    class Meta:
        verbose_name = _("site contacts")
