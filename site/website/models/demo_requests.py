"""``DemoRequestPage``: the "Request a demo" form, and ``DemoRequest``: what it received."""

import uuid

from django.conf import settings
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from catalogue.queries import live_trainers
from core.responses import PrivatePageMixin
from core.slugs import AsciiSlugMixin
from support.notifications.outbox import enqueue_email
from website.demo_requests import DemoRequestForm, check_rate_limit, recipients, submission_key
from website.models.settings import SiteContacts

EMAIL_TEMPLATE = "demo_request"
# The admin's listing of requests (``website.wagtail_hooks``).
ADMIN_NAMESPACE = "demo_requests"


class DemoRequestPage(AsciiSlugMixin, PrivatePageMixin, Page):
    """The demo request form of one language (one per home page, made by ``bootstrap_site``)."""

    intro = RichTextField(_("introduction"), blank=True, help_text=_("Shown above the form."))
    consent_text = RichTextField(
        _("consent text"),
        help_text=_("Consent to personal-data processing (152-FZ) the visitor accepts with the form."),
    )
    success_text = RichTextField(
        _("text after sending"), blank=True, help_text=_("Shown once the request has been received.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("consent_text"),
        FieldPanel("success_text"),
    ]
    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "website/demo_request_page.html"

    class Meta:
        verbose_name = _("demo request page")

    def serve(self, request, *args, **kwargs):
        trainers = live_trainers(self.locale)
        if request.method != "POST":
            if "sent" in request.GET:
                return self.render_private(request, {"sent": True})
            initial = {"submission": uuid.uuid4()}
            trainer = DemoRequestForm.preselected(trainers, request.GET.get("trainer"))
            if trainer is not None:
                initial["trainer"] = trainer
            return self.render_private(request, {"form": DemoRequestForm(trainers=trainers, initial=initial)})
        key = submission_key(request.POST)
        # A form sent again (reload, double click) was counted, and recorded, the first time.
        if key is None or not DemoRequest.objects.filter(submission=key).exists():
            check_rate_limit(request)
            form = DemoRequestForm(request.POST, trainers=trainers)
            if not form.is_valid():
                return self.render_private(request, {"form": form}, status=400)
            DemoRequest.record(self, form.cleaned_data, trainers)
        # Post/redirect/get: reloading the confirmation shows it again and sends nothing.
        response = HttpResponseRedirect(f"{self.get_url(request)}?sent=1")
        response.status_code = 303  # See Other: the browser follows with a GET
        return response


class DemoRequest(models.Model):
    """One request for a demo, as the visitor sent it. Personal data: read by the "Sales" group."""

    # Operational rows stay out of Wagtail's reference index (as fault reports do).
    wagtail_reference_index_ignore = True

    page = models.ForeignKey(
        DemoRequestPage, verbose_name=_("form page"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    trainer = models.ForeignKey(
        "catalogue.SimulatorPage",
        verbose_name=_("trainer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The title as the visitor saw it: the request stays readable after the trainer is deleted.
    trainer_title = models.CharField(_("trainer title"), max_length=255, blank=True)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=16, help_text=_("E.164"))
    learners = models.PositiveIntegerField(_("number of learners"))
    message = models.TextField(_("message"), blank=True)
    language = models.CharField(_("language"), max_length=8)
    consented_at = models.DateTimeField(_("consent given at"))
    created_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)
    # The form's one-time key: the same form sent twice makes one request.
    submission = models.UUIDField(unique=True, editable=False)

    class Meta:
        verbose_name = _("demo request")
        verbose_name_plural = _("demo requests")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.organisation}: {self.name}"

    @classmethod
    def record(cls, page, data, trainers):
        """Store the request and queue its e-mail to sales staff in one transaction; returns the row,
        or the existing one when this form's key was already used (a concurrent second sending)."""
        trainer = trainers.filter(pk=data["trainer"]).first() if data["trainer"] else None
        language = page.locale.language_code
        with transaction.atomic():
            demo_request, created = cls.objects.get_or_create(
                submission=data["submission"],
                defaults={
                    "page": page,
                    "trainer": trainer,
                    "trainer_title": trainer.title if trainer else "",
                    "name": data["name"],
                    "organisation": data["organisation"],
                    "email": data["email"],
                    "phone": data["phone"],
                    "learners": data["learners"],
                    "message": data["message"],
                    "language": language,
                    "consented_at": timezone.now(),
                },
            )
            if created:
                demo_request.notify_staff()
        return demo_request

    def notify_staff(self):
        """One e-mail per recipient through the outbox, in the site's default language (staff read
        the admin in it); the visitor's language is part of the message."""
        context = {
            "name": self.name,
            "organisation": self.organisation,
            "email": self.email,
            "phone": self.phone,
            "trainer": self.trainer_title,
            "learners": self.learners,
            "message": self.message,
            "language": self.language,
            "admin_url": admin_url(self),
        }
        for address in recipients() or [SiteContacts.load().support_email]:
            enqueue_email(address, EMAIL_TEMPLATE, context=context, source=self)


def admin_url(demo_request):
    """Absolute address of the request in the admin, for the staff e-mail."""
    path = reverse(f"{ADMIN_NAMESPACE}:inspect", args=[demo_request.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
