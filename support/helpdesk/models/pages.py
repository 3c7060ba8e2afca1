"""``SupportPage``: the support contacts, FAQ and the embedded fault-report form."""

import uuid

from django.db import models
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from catalogue.queries import live_trainers
from core.blocks import FAQItemBlock
from core.params import parse_id
from core.responses import PrivatePageMixin
from core.slugs import AsciiSlugMixin
from support.helpdesk.forms import FaultReportForm
from support.helpdesk.services import (
    AttachmentsUnavailable,
    KeyReused,
    Submission,
    check_rate_limits,
    fingerprint,
    journey_context,
    submit_once,
    tracking_path,
)
from support.helpdesk.validators import DEEP_LINK_PARAMETERS

# Session entry of the reports this browser just sent: reference -> the form's submission key, which
# unseals the tracking token (so the session holds no token itself). A few are kept, newest last.
SENT_SESSION_KEY = "support:sent"
SENT_KEPT = 5


class SupportPage(AsciiSlugMixin, PrivatePageMixin, Page):
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

    def serve(self, request, *args, **kwargs):
        trainers = live_trainers(self.locale)
        if request.method != "POST":
            if "sent" in request.GET:
                return self._serve_sent(request, request.GET["sent"])
            initial = {"submission": str(uuid.uuid4())}
            trainer_id = parse_id(request.GET.get("trainer"))
            if trainer_id is not None:
                initial["trainer"] = trainer_id
            # The trainer's deep link (README: "Deep link to the support form"): what it knows of its
            # installation. The form validates it on sending like anything typed.
            for parameter, field in DEEP_LINK_PARAMETERS.items():
                value = request.GET.get(parameter, "")
                if value:
                    initial[field] = value[:200]
            return self.render_private(request, {"form": FaultReportForm(trainers=trainers, initial=initial)})
        submission = Submission("form", str(request.POST.get("submission", ""))[:64])
        # A form sent again (reload, double click) was counted the first time.
        if not submission.exists():
            check_rate_limits(request, request.POST.get("phone", ""))
        form = FaultReportForm(request.POST, request.FILES, trainers=trainers)
        if not form.is_valid():
            return self.render_private(request, {"form": form}, status=400)
        data = form.cleaned_data
        submission = Submission("form", data["submission"], fingerprint(form.fingerprint_data()))
        try:
            report, _token, _replayed = submit_once(
                submission,
                full_name=data["full_name"],
                uin=data["uin"],
                phone=data["phone"],
                email=data["email"],
                trainer=trainers.filter(pk=data["trainer"]).first() if data["trainer"] else None,
                description=data["description"],
                environment=data["environment"],
                installation=form.installation(),
                attachments=data["attachments"],
                language=self.locale.language_code,
            )
        except KeyReused as reused:
            # This form was sent before with other content (back, edit, send): keep what was typed,
            # say which report the first sending created, and hand out a new key for a second report.
            fresh = request.POST.copy()
            fresh["submission"] = str(uuid.uuid4())
            form = FaultReportForm(fresh, trainers=trainers)
            return self.render_private(request, {"form": form, "already_sent": reused.report}, status=409)
        except AttachmentsUnavailable:
            # Nothing was stored: the form comes back with what was typed; files must be chosen again.
            form.add_error("attachments", AttachmentsUnavailable.message)
            return self.render_private(request, {"form": form}, status=503)
        sent = {
            ref: key
            for ref, key in request.session.get(SENT_SESSION_KEY, {}).items()
            if ref != report.reference
        }
        sent[report.reference] = submission.key
        request.session[SENT_SESSION_KEY] = dict(list(sent.items())[-SENT_KEPT:])
        # Post/redirect/get: reloading the confirmation shows it again and sends nothing.
        response = HttpResponseRedirect(f"{self.get_url(request)}?sent={report.reference}")
        response.status_code = 303  # See Other: the browser follows with a GET
        return response

    def _serve_sent(self, request, reference):
        key = request.session.get(SENT_SESSION_KEY, {}).get(str(reference))
        previous = Submission("form", key).previous() if key else None
        if previous is None:
            # Another browser, or the key expired: the tracking link in the SMS is the way back.
            return redirect(self.get_url(request))
        report, token = previous
        return self.render_private(
            request,
            {"report": report, "tracking_path": tracking_path(report, token), **journey_context(report)},
        )
