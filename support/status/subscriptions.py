"""Subscribing to maintenance notices and incidents: the form, e-mail confirmation and one-click
unsubscribe."""

from django import forms
from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from catalogue.models import SimulatorPage
from catalogue.queries import live_trainers, trainer_industries
from core import languages
from core.ratelimit import ratelimit
from support.monitoring.models import Component
from support.monitoring.probes import PUBLIC
from support.notifications.phones import normalize_phone
from support.status import banner, delivery
from support.status.models.notices import Subscriber


class SubscriptionForm(forms.Form):
    """E-mail and/or phone, consent, all notices or chosen trainers and services."""

    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(
        label=_("Phone for SMS"), required=False, max_length=32, help_text=_("For example +7 912 345-67-89.")
    )
    all_trainers = forms.TypedChoiceField(
        label=_("Notices"),
        choices=[("1", _("All notices")), ("0", _("Only the chosen trainers and services"))],
        coerce=lambda value: value == "1",
        initial="1",
        widget=forms.RadioSelect,
    )
    trainers = forms.ModelMultipleChoiceField(
        label=_("Trainers"),
        queryset=SimulatorPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    components = forms.ModelMultipleChoiceField(
        label=_("Services"),
        queryset=Component.objects.filter(code__in=PUBLIC),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Incidents and maintenance of these services, whichever trainer they affect."),
    )
    consent = forms.BooleanField(label=_("I agree to the processing of my personal data (152-FZ)."))
    website = forms.CharField(required=False, widget=forms.HiddenInput)  # honeypot

    def __init__(self, *args, language=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainers"].queryset = live_trainers(language or languages.default())

    def trainer_groups(self):
        """The trainer checkboxes grouped by industry, ``[(industry, [checkbox, ...], any chosen), ...]``:
        a searchable, folded list instead of one long column. Trainers without an industry come last."""
        boxes = list(self["trainers"])
        industries = trainer_industries(box.data["value"].value for box in boxes)
        groups = {}
        for box in boxes:
            groups.setdefault(industries.get(box.data["value"].value), []).append(box)
        ordered = sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or ""))
        return [(name, members, any(box.data["selected"] for box in members)) for name, members in ordered]

    def clean_phone(self):
        raw = self.cleaned_data["phone"].strip()
        if not raw:
            return ""
        try:
            return normalize_phone(raw)
        except ValueError:
            raise forms.ValidationError(_("Enter a valid phone number.")) from None

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not cleaned.get("phone"):
            raise forms.ValidationError(_("Give an e-mail address, a phone number or both."))
        if (
            cleaned.get("all_trainers") is False
            and not cleaned.get("trainers")
            and not cleaned.get("components")
        ):
            self.add_error("trainers", _("Choose at least one trainer or service."))
        if cleaned.get("website"):
            raise forms.ValidationError(_("The form could not be sent."))
        return cleaned


def _absolute(request, path):
    return request.build_absolute_uri(path)


@require_POST
@ratelimit(group="status:subscribe", key="ip", rate_setting="MAINTENANCE_SUBSCRIBE_RATE")
def subscribe(request):
    language = languages.current()
    form = SubscriptionForm(request.POST, language=language)
    if not form.is_valid():
        return render(request, "support/maintenance/subscribe.html", {"form": form}, status=400)
    data = form.cleaned_data
    subscriber = Subscriber.objects.create(
        email=data["email"],
        phone=data["phone"],
        language=language,
        all_trainers=data["all_trainers"],
        consent_at=timezone.now(),
    )
    if not data["all_trainers"]:
        subscriber.trainers.set(data["trainers"])
        subscriber.components.set(data["components"])
    if subscriber.email:
        confirm = _absolute(request, reverse("status_root:confirm", args=[subscriber.token]))
        unsubscribe = _absolute(request, reverse("status_root:unsubscribe", args=[subscriber.token]))
        context = {"confirm_url": confirm, "unsubscribe_url": unsubscribe}
        delivery.send_email(
            to=subscriber.email,
            subject=render_to_string("support/maintenance/messages/confirm_subject.txt", context).strip(),
            body=render_to_string("support/maintenance/messages/confirm_body.txt", context),
            language=language,
            dedup_key=f"maintenance:confirm:{subscriber.pk}",
        )
    return render(request, "support/maintenance/subscribed.html", {"subscriber": subscriber})


def _subscriber(token):
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is None:
        raise Http404
    return subscriber


def confirm(request, token):
    subscriber = _subscriber(token)
    if subscriber.email_confirmed_at is None:
        subscriber.email_confirmed_at = timezone.now()
        subscriber.save(update_fields=["email_confirmed_at"])
    with translation.override(subscriber.language):
        return render(request, "support/maintenance/confirmed.html", {"subscriber": subscriber})


@csrf_exempt
def unsubscribe(request, token):
    """One click (GET or the RFC 8058 POST of mail clients) ends the subscription."""
    subscriber = _subscriber(token)
    if subscriber.unsubscribed_at is None:
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["unsubscribed_at"])
    with translation.override(subscriber.language):
        return render(request, "support/maintenance/unsubscribed.html", {"subscriber": subscriber})


def dismiss(request, key):
    """Hide one notice from the banner (a cookie) and go back where the visitor was."""
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    keys = banner.dismissed_keys(request)
    keys.add(str(key))
    response = HttpResponseRedirect(target)
    # Only the most recent dismissals matter; keep the cookie small. Secure wherever the session
    # cookie is (production), so the banner state never travels over plain HTTP either.
    response.set_cookie(
        banner.COOKIE,
        ".".join(sorted(keys)[-20:]),
        max_age=60 * 60 * 24 * 30,
        samesite="Lax",
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response
