"""Wagtail admin screens of release channels (promote, widen, roll back, withdraw, mark critical, each
one action recorded with its actor) and of the fleet inventory (with its CSV export)."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_required

from catalogue.queries import trainer_titles
from core import languages
from core.params import parse_id, parse_int
from customers.choices import Channel
from customers.models import Customer

from . import channels, fleet
from .models import BuildStatus, ChannelEvent, Platform, ReleaseChannel, SimulatorBuild
from .models.builds import PUBLISH_PERMISSION
from .permissions import VIEW_PERMISSION

STEPS = (1, 5, 10, 25, 50, 100)


class PromoteForm(forms.Form):
    build = forms.ModelChoiceField(
        label=gettext_lazy("Build"),
        queryset=SimulatorBuild.objects.filter(status=BuildStatus.PUBLISHED, verified_at__isnull=False)
        .select_related("trainer")
        .order_by("trainer__title", "platform", "-published_at"),
    )
    channel = forms.ChoiceField(label=gettext_lazy("Channel"), choices=Channel.choices)
    percent = forms.TypedChoiceField(
        label=gettext_lazy("Share of devices"),
        choices=[(step, f"{step} %") for step in STEPS],
        coerce=int,
        initial=100,
        help_text=gettext_lazy(
            "Start small and widen step by step; a device stays in the rollout as it grows. A critical "
            "build goes to every device at once."
        ),
    )


def _titles():
    # Builds and channels point at the default language's page: staff read them in their own language.
    return trainer_titles(languages.current())


@permission_required(PUBLISH_PERMISSION)
def channels_index(request):
    """Every channel with what it offers, the one-step actions and the latest events."""
    form = PromoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            channels.promote(data["build"], data["channel"], request.user, data["percent"])
        except channels.ChannelError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(build)s is promoted to %(channel)s.")
                % {"build": data["build"], "channel": Channel(data["channel"]).label},
            )
            return redirect("simulators_channels")
    titles = _titles()
    rows = list(ReleaseChannel.objects.select_related("trainer", "build", "previous_build"))
    for row in rows:
        row.trainer_title = titles.get(str(row.trainer.translation_key), row.trainer.title)
    events = ChannelEvent.objects.select_related("channel__trainer", "build", "actor")[:30]
    return render(
        request,
        "simulators/admin/channels.html",
        {
            "header_title": _("Release channels"),
            "form": form,
            "channels": [(row, [s for s in STEPS if s > row.rollout_percent]) for row in rows],
            "events": events,
        },
    )


@require_POST
@permission_required(PUBLISH_PERMISSION)
def channel_action(request, pk, action):
    """One action on a channel: ``widen`` (to ``percent``), ``rollback``, ``withdraw`` or ``critical``
    (the last two act on the channel's build, wherever else it is offered)."""
    channel = get_object_or_404(ReleaseChannel.objects.select_related("trainer", "build"), pk=pk)
    try:
        if action == "widen":
            percent = request.POST.get("percent", "")
            if not percent.isdigit():
                raise channels.ChannelError(_("Choose a percentage."))
            channels.widen(channel, int(percent), request.user)
        elif action == "rollback":
            channels.roll_back(channel, request.user)
        elif channel.build is None:
            raise channels.ChannelError(_("This channel offers no build."))
        elif action == "withdraw":
            channel.build.withdraw(request.user, _("Withdrawn from the release channels."))
        elif action == "critical":
            channels.mark_critical(channel.build, request.user)
        else:
            raise Http404
    except channels.ChannelError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(channel)s: done.") % {"channel": channel})
    return redirect("simulators_channels")


def _inventory_filters(request, titles):
    """Unknown values are ignored (the whole fleet, 30 days), never an error: these are filter links."""
    trainer = request.GET.get("trainer", "")
    return {
        "trainer": trainer if trainer in titles else "",
        "customer": parse_id(request.GET.get("customer")),
        "days": parse_int(request.GET.get("days"), minimum=1, maximum=3650) or 30,
    }


@permission_required(VIEW_PERMISSION)
def inventory(request):
    """Per trainer and customer: versions run, devices out of date or on a withdrawn build, devices
    unseen for N days; ``?format=csv`` exports the devices."""
    titles = _titles()
    filters = _inventory_filters(request, titles)
    devices = fleet.devices(filters["trainer"] or None, filters["customer"])
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="fleet.csv"'
        fleet.write_csv(response, devices)
        return response
    states = {}
    attention = []
    for device in devices.filter(version__gt="")[:2000]:
        status = fleet.status_of(device, states)
        if status != "current":
            device.trainer_title = titles.get(str(device.trainer_key), device.trainer_key)
            attention.append((device, status))
    unseen = list(fleet.unseen_since(devices, filters["days"]).order_by("last_seen")[:100])
    for device in unseen:
        device.trainer_title = titles.get(str(device.trainer_key), device.trainer_key)
    return render(
        request,
        "simulators/admin/inventory.html",
        {
            "header_title": _("Fleet inventory"),
            "filters": filters,
            "trainers": sorted(titles.items(), key=lambda item: item[1]),
            "customers": Customer.objects.order_by("name"),
            "total": devices.count(),
            "versions": [
                {
                    **row,
                    "trainer": titles.get(str(row["trainer_key"]), row["trainer_key"]),
                    "platform_label": Platform(row["platform"]).label,
                }
                for row in fleet.version_counts(devices)
            ],
            "attention": attention[:100],
            "unseen": unseen,
            "query": request.GET.urlencode(),
        },
    )
