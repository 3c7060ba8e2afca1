"""Staff side in the Wagtail admin: the report queue, the report view with its actions, duty shifts.

Access needs ``helpdesk.view_faultreport`` (the "Support" group and superusers); actions need
``helpdesk.change_faultreport``. Every view of a report and every action lands on its timeline.
Only support staff (members of the "Support" group, and superusers) can be assigned reports or be put
on duty: a report that arrives during a shift is assigned to its engineer, with its personal data.
"""

from datetime import timedelta

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

from core.params import MAX_ID
from customers.queries import installation
from support.helpdesk import notices, workflow
from support.helpdesk.models.reports import (
    ROSTER_GAP_DAYS,
    DutyShift,
    FaultAttachment,
    FaultReport,
    NotAFaultReason,
    Status,
)
from support.helpdesk.services import outbox_of
from support.helpdesk.workflow import TRANSITIONS, TransitionError
from support.notifications.models import OutboxMessage

VIEW_PERM = "helpdesk.view_faultreport"
CHANGE_PERM = "helpdesk.change_faultreport"
# The customer registry's UINs: personal data, the Support group's (``customers/0003_registry_roles``).
UIN_VIEW_PERM = "customers.view_learneruin"
# The group created by the migration ``support/0003_support_group``.
SUPPORT_GROUP = "Support"

AGE_CHOICES = [
    ("1", gettext_lazy("Less than a day")),
    ("7", gettext_lazy("Less than a week")),
    ("old", gettext_lazy("Older than a week")),
]


def support_staff():
    """Users who may be assigned reports or be on duty: active members of the Support group and
    superusers."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name=SUPPORT_GROUP) | Q(is_superuser=True), is_active=True)
        .distinct()
    )


class FaultReportFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=Status.choices)
    trainer = django_filters.NumberFilter(
        label=gettext_lazy("Trainer (page id)"), min_value=1, max_value=MAX_ID, decimal_places=0
    )
    assignee = django_filters.ModelChoiceFilter(label=gettext_lazy("Assignee"), queryset=support_staff())
    age = django_filters.ChoiceFilter(label=gettext_lazy("Age"), choices=AGE_CHOICES, method="filter_age")
    overdue = django_filters.BooleanFilter(label=gettext_lazy("Overdue"), method="filter_overdue")

    class Meta:
        model = FaultReport
        fields = ["status", "trainer", "assignee"]

    def filter_age(self, queryset, name, value):
        now = timezone.now()
        if value == "old":
            return queryset.filter(created_at__lt=now - timedelta(days=7))
        return queryset.filter(created_at__gte=now - timedelta(days=int(value)))

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        condition = FaultReport.overdue_q()
        return queryset.filter(condition) if value else queryset.exclude(condition)


class StatusColumn(Column):
    """The status as a pill coloured per state (``support/css/admin.css``), so the queue reads at a glance."""

    cell_template_name = "support/admin/status_cell.html"


class OverdueColumn(Column):
    """Makes overdue reports stand out in the queue."""

    cell_template_name = "support/admin/overdue_cell.html"


class IncidentColumn(Column):
    """The incident a report was filed during (linked by the background triage), so the queue shows
    which reports one fix will answer."""

    cell_template_name = "support/admin/incident_cell.html"


class FaultReportIndexView(IndexView):
    template_name = "support/admin/report_index.html"

    def get_edit_url(self, instance):
        return reverse("support_report", args=[instance.pk])

    def get_add_url(self):
        return None

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("trainer", "assignee")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["on_duty"] = DutyShift.on_duty()
        return context


class FaultReportViewSet(ModelViewSet):
    model = FaultReport
    icon = "warning"
    # The sidebar fits about 18 characters: the menu has its own short label.
    menu_label = pgettext_lazy("menu", "Fault reports")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = FaultReportIndexView
    filterset_class = FaultReportFilterSet
    search_fields = ["reference", "phone", "uin"]
    search_backend_name = None
    form_fields = ["assignee"]
    list_display = [
        "reference",
        StatusColumn("status", label=gettext_lazy("Status"), sort_key="status"),
        "full_name",
        "trainer",
        "assignee",
        "created_at",
        OverdueColumn("is_overdue", label=gettext_lazy("Overdue")),
        IncidentColumn("incident_id", label=gettext_lazy("Incident")),
    ]
    list_per_page = 50


class DutyShiftForm(forms.ModelForm):
    """Offers only support staff as the engineer, and refuses anyone else (a crafted POST included:
    the choice is validated against the same queryset)."""

    class Meta:
        model = DutyShift
        fields = ["engineer", "role", "start", "end", "phone", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        engineer = self.fields["engineer"]
        engineer.queryset = support_staff()
        engineer.error_messages["invalid_choice"] = gettext_lazy(
            "Only members of the Support group can be on duty."
        )


class DutyShiftIndexView(IndexView):
    """The roster, with its gaps in the next fortnight above it."""

    template_name = "support/admin/duty_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        context["gaps"] = DutyShift.gaps(now, now + timedelta(days=ROSTER_GAP_DAYS))
        context["gap_days"] = ROSTER_GAP_DAYS
        return context


class DutyShiftViewSet(ModelViewSet):
    model = DutyShift
    index_view_class = DutyShiftIndexView
    icon = "time"
    menu_label = gettext_lazy("Duty shifts")
    menu_order = 251
    add_to_admin_menu = True
    form_fields = ["engineer", "role", "start", "end", "phone", "note"]
    list_display = ["engineer", "role", "start", "end", "note"]

    def get_form_class(self, for_update=False):
        return DutyShiftForm


# The report view ------------------------------------------------------------------------------------

# The step staff usually take next in each state: the report view offers it as the primary button.
# "Awaiting information" has none: the next move is the user's reply.
PRIMARY_ACTIONS = {
    Status.NEW: "review",
    Status.IN_REVIEW: "start_work",
    Status.IN_PROGRESS: "resolve",
    Status.RESOLVED: "close",
    Status.NOT_A_FAULT: "close",
}
# Rare, and final for the user: behind a disclosure, so that it is chosen and never clicked in passing.
FOLDED_ACTIONS = frozenset({"not_a_fault"})

# Labels of the browser details the support form collects (``validators.ENVIRONMENT_KEYS``), in the
# order shown; a key not listed here (older reports, another client) is shown under its own name.
ENVIRONMENT_LABELS = {
    "os": gettext_lazy("Operating system"),
    "browser": gettext_lazy("Browser"),
    "screen": gettext_lazy("Screen"),
    "webgl": "WebGL",
    "webgl2": "WebGL 2",
    "language": gettext_lazy("Browser language"),
    "user_agent": gettext_lazy("User agent"),
}

# What reached the outbox, by the set of channels the action queued messages on.
SMS, EMAIL = OutboxMessage.Channel.SMS, OutboxMessage.Channel.EMAIL
QUEUED_CHANNELS = {
    frozenset({SMS, EMAIL}): gettext_lazy("SMS and e-mail queued"),
    frozenset({SMS}): gettext_lazy("SMS queued"),
    frozenset({EMAIL}): gettext_lazy("e-mail queued"),
    frozenset(): gettext_lazy("nothing sent to the user"),
}


def grouped_actions(report) -> dict[str, list]:
    """The allowed transitions as ``primary`` (at most one), ``secondary`` and ``folded``."""
    primary = PRIMARY_ACTIONS.get(report.status)
    groups = {"primary": [], "secondary": [], "folded": []}
    for name in workflow.allowed_actions(report):
        if name == primary:
            group = "primary"
        elif name in FOLDED_ACTIONS:
            group = "folded"
        else:
            group = "secondary"
        groups[group].append((name, TRANSITIONS[name]))
    return groups


def environment_rows(environment: dict) -> list[tuple[str, str]]:
    """``(label, value)`` pairs of a report's browser details: the known keys first, then the others."""
    keys = [key for key in ENVIRONMENT_LABELS if key in environment]
    keys += sorted(key for key in environment if key not in ENVIRONMENT_LABELS)
    rows = []
    for key in keys:
        value = environment[key]
        if isinstance(value, bool):
            value = (
                pgettext("browser feature", "supported")
                if value
                else pgettext("browser feature", "not supported")
            )
        rows.append((ENVIRONMENT_LABELS.get(key, key), value))
    return rows


def release_notes():
    """Live release notes, newest first: the simulators app's pages, named by their content type (the
    helpdesk does not import that app)."""
    return (
        Page.objects.live()
        .filter(content_type__app_label="simulators", content_type__model="releasenotepage")
        .order_by("-first_published_at")
    )


class ActionForm(forms.Form):
    message = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.ChoiceField(required=False, choices=[("", "---"), *NotAFaultReason.choices])
    note = forms.CharField(required=False)
    maintenance_notice_id = forms.IntegerField(required=False, min_value=1)
    assignee = forms.ModelChoiceField(required=False, queryset=support_staff())
    fixed_in = forms.ModelChoiceField(required=False, queryset=release_notes())


def _run_action(report, action, data, actor) -> str:
    """Run one action of the report view; returns what happened, for the confirmation."""
    if action == "take":
        workflow.assign(report, actor, actor=actor)
        return _("Assigned to you")
    if action == "assign":
        assignee = data["assignee"]
        workflow.assign(report, assignee, actor=actor)
        if assignee is None:
            return _("Assignee removed")
        return _("Assigned to %(name)s") % {"name": assignee.get_full_name() or assignee.get_username()}
    if action == "note":
        workflow.add_note(report, data["message"], actor=actor)
        return _("Internal note added")
    if action == "link_fix":
        note = data["fixed_in"]
        FaultReport.objects.filter(pk=report.pk).update(fixed_in=note)
        workflow.add_note(report, f"known issue, fixed in: {note.title if note else '-'}", actor=actor)
        return _("Release note linked") if note else _("Release note unlinked")
    if action in TRANSITIONS:
        workflow.apply(
            report,
            action,
            actor=actor,
            message=data["message"],
            reason=data["reason"],
            note=data["note"],
            maintenance_notice_id=data["maintenance_notice_id"],
        )
        return str(TRANSITIONS[action].done)
    raise TransitionError(_("Unknown action."))


def report_view(request, pk):
    if not request.user.has_perm(VIEW_PERM):
        raise PermissionDenied
    report = get_object_or_404(
        FaultReport.objects.select_related("trainer", "assignee", "customer__manager", "fixed_in"), pk=pk
    )
    if request.method == "POST":
        if not request.user.has_perm(CHANGE_PERM):
            raise PermissionDenied
        form = ActionForm(request.POST)
        action = request.POST.get("action", "")
        if form.is_valid():
            # The outbox, not the transition's definition, tells what was sent: a report without an
            # e-mail address gets the SMS only.
            last_queued = outbox_of(report).aggregate(last=Max("pk"))["last"] or 0
            try:
                done = _run_action(report, action, form.cleaned_data, request.user)
            except TransitionError as exc:
                messages.error(request, str(exc))
            else:
                queued = outbox_of(report).filter(pk__gt=last_queued).values_list("channel", flat=True)
                sent = QUEUED_CHANNELS[frozenset(queued)]
                messages.success(request, _("%(done)s; %(sent)s") % {"done": done, "sent": sent})
        else:
            messages.error(request, _("The action form is not valid."))
        return redirect("support_report", pk=report.pk)
    workflow.record_view(report, request.user)
    # Asked of the status app only while the report can still be closed as planned maintenance.
    closable = "not_a_fault" in workflow.allowed_actions(report)
    closable_notices = notices.notice_choices(report) if closable else []
    return TemplateResponse(
        request,
        "support/admin/report.html",
        {
            "report": report,
            "events": report.events.select_related("actor").order_by("created_at", "pk"),
            "attachments": report.attachments.all(),
            "actions": grouped_actions(report),
            "environment": environment_rows(report.environment or {}),
            "assignable": report.status != Status.CLOSED,
            "can_change": request.user.has_perm(CHANGE_PERM),
            "reasons": NotAFaultReason.choices,
            "notices": closable_notices,
            "notice_days": notices.NOTICE_DAYS,
            "staff": support_staff(),
            "release_notes": release_notes().only("pk", "title")[:50],
            "index_url": reverse("support_faultreport:index"),
            # The same block as the registry's UIN lookup, for those who may read the registry.
            "installation": installation(report.uin, report.customer)
            if report.uin and request.user.has_perm(UIN_VIEW_PERM)
            else None,
        },
    )


def attachment_download(request, pk):
    if not request.user.has_perm(VIEW_PERM):
        raise PermissionDenied
    attachment = get_object_or_404(FaultAttachment, pk=pk)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    workflow.add_note(
        attachment.report, f"downloaded attachment {attachment.original_name}", actor=request.user
    )
    return FileResponse(handle, as_attachment=True, filename=attachment.original_name)
