"""The public tracking page (status, public timeline and the reply form while information is awaited)
and the on-call engineer's acknowledge page."""

from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from . import oncall
from .forms import ReplyForm
from .models import SupportPage
from .services import AttachmentsUnavailable, find_report, journey_context
from .workflow import TransitionError, can_reply, user_reply


@never_cache
@require_http_methods(["GET", "POST"])
def track(request, reference):
    token = request.GET.get("token") or request.POST.get("token")
    report = find_report(reference, token)
    if report is None:
        return _invalid_link(request)
    form = None
    refused_reply = None
    status = 200
    if can_reply(report):
        if request.method == "POST":
            form = ReplyForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    user_reply(report, form.cleaned_data["message"], form.cleaned_data["attachments"])
                except TransitionError:
                    # Staff changed the status between the check and the lock.
                    form, refused_reply = None, request.POST.get("message", "")
                    status = 409
                except AttachmentsUnavailable:
                    form.add_error("attachments", AttachmentsUnavailable.message)
                    status = 503
                else:
                    return redirect(f"{request.path}?token={token}&replied=1")
            else:
                status = 400
        else:
            form = ReplyForm()
    elif request.method == "POST":
        # The report stopped waiting for information (answered, closed) while the page was open: say so
        # and give the typed text back rather than dropping it silently.
        refused_reply = request.POST.get("message", "")
        status = 409
    events = report.events.filter(public=True).order_by("created_at", "pk")
    response = render(
        request,
        "support/track.html",
        {
            "report": report,
            "events": events,
            "form": form,
            "token": token,
            "refused_reply": refused_reply,
            "replied": request.GET.get("replied") == "1",
            **journey_context(report),
        },
        status=status,
    )
    patch_cache_control(response, private=True)
    return response


def _invalid_link(request):
    """A 404 page of our own rather than ``Http404``, so that it is the same friendly page in the
    visitor's language under ``DEBUG`` too, with the way to the support page."""
    page = SupportPage.objects.live().filter(locale=Locale.get_active()).first()
    response = render(
        request,
        "support/track_invalid.html",
        {"support_url": page.get_url(request) if page else f"/{request.LANGUAGE_CODE}/"},
        status=404,
    )
    patch_cache_control(response, private=True)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def oncall_ack(request, token):
    """The acknowledge link of an on-call alert. GET only shows the alert and a button: link previewers
    of mail and messenger apps fetch links, and must not acknowledge for the engineer. The POST (with
    its CSRF token) acknowledges; a second one changes nothing. The signed token is the credential, so
    no password login is needed on a phone at night."""
    found = oncall.read_ack_token(token)
    if found is None:
        response = render(request, "support/oncall_invalid.html", status=404)
        patch_cache_control(response, private=True)
        return response
    alert, user = found
    just_acknowledged = False
    if request.method == "POST":
        just_acknowledged = oncall.acknowledge(alert, user)
    response = render(
        request,
        "support/oncall_ack.html",
        {"alert": alert, "engineer": user, "just_acknowledged": just_acknowledged},
    )
    patch_cache_control(response, private=True)
    return response
