"""``SupportPage``: the support contacts, FAQ and the embedded fault-report form."""

from django.db import models
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from catalogue.queries import live_trainers
from core.blocks import FAQItemBlock
from core.params import parse_id
from support.helpdesk.forms import FaultReportForm
from support.helpdesk.services import check_rate_limits, submit_report, tracking_path


class SupportPage(Page):
    """Technical support: contacts, FAQ, the fault-report form and the way to track a report."""

    intro = RichTextField(_("introduction"), blank=True, help_text=_("Shown above the form."))
    contacts = RichTextField(
        _("contacts"),
        blank=True,
        help_text=_("Support e-mail and the personal manager's phone, as the service rules state."),
    )
    faq = StreamField([("faq", FAQItemBlock())], verbose_name=_("FAQ"), blank=True, use_json_field=True)
    consent_text = RichTextField(
        _("consent text"),
        help_text=_("Consent to personal-data processing (152-FZ) the user accepts with the form."),
    )
    success_text = models.TextField(
        _("text after sending"), blank=True, help_text=_("Optional extra text shown with the reference.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("contacts"),
        FieldPanel("faq"),
        FieldPanel("consent_text"),
        FieldPanel("success_text"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("faq")]
    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "support/support_page.html"

    class Meta:
        db_table = "support_supportpage"
        verbose_name = _("support page")

    def _render(self, request, context, status=200):
        response = render(request, self.template, {"page": self, "self": self, **context}, status=status)
        # Personal data and CSRF tokens: never from a shared cache.
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return response

    def serve(self, request, *args, **kwargs):
        trainers = live_trainers(self.locale)
        if request.method != "POST":
            initial = {}
            trainer_id = parse_id(request.GET.get("trainer"))
            if trainer_id is not None:
                initial["trainer"] = trainer_id
            return self._render(request, {"form": FaultReportForm(trainers=trainers, initial=initial)})
        check_rate_limits(request, request.POST.get("phone", ""))
        form = FaultReportForm(request.POST, request.FILES, trainers=trainers)
        if not form.is_valid():
            return self._render(request, {"form": form}, status=400)
        data = form.cleaned_data
        report, token = submit_report(
            full_name=data["full_name"],
            uin=data["uin"],
            phone=data["phone"],
            email=data["email"],
            trainer=trainers.filter(pk=data["trainer"]).first() if data["trainer"] else None,
            description=data["description"],
            environment=data["environment"],
            attachments=data["attachments"],
            language=self.locale.language_code,
        )
        return self._render(request, {"report": report, "tracking_path": tracking_path(report, token)})
