"""Incidents in the admin: one form holds the incident and the update being posted, in both languages.

Posted updates are the public record, so the form never edits them: it shows the timeline read-only and
takes the next update (status and text in Russian and English). Saving with a text posts it; choosing
"Resolved" is the resolve action, which can also resolve the fault reports linked to the incident.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.viewsets.model import ModelViewSet

from catalogue.models import SimulatorPage
from core import languages
from support.monitoring.models import Component
from support.status import incidents
from support.status.choices import IncidentStatus
from support.status.models import Incident


class IncidentForm(WagtailAdminModelForm):
    """The incident's fields and the update to post with them."""

    update_status = forms.ChoiceField(label=_("New status"), choices=IncidentStatus.choices)
    message_ru = forms.CharField(
        label=_("Update (Russian)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    message_en = forms.CharField(
        label=_("Update (English)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    resolve_reports = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["components"].queryset = Component.objects.order_by("code")
        self.fields["components"].widget = forms.CheckboxSelectMultiple(
            choices=self.fields["components"].choices
        )
        # One trainer in the default language stands for all its translations (matched by translation key).
        self.fields["trainers"].queryset = SimulatorPage.objects.filter(
            locale__language_code=languages.default()
        ).order_by("title")
        self.fields["trainers"].widget = forms.CheckboxSelectMultiple(choices=self.fields["trainers"].choices)
        creating = self.instance.pk is None
        if creating:
            self.fields["update_status"].choices = [
                c for c in IncidentStatus.choices if c[0] != IncidentStatus.RESOLVED
            ]
            self.fields["message_ru"].required = self.fields["message_en"].required = True
        else:
            self.fields["update_status"].initial = self.instance.status
        reports = 0 if creating else incidents.linked_report_count(self.instance)
        if reports:
            self.fields["resolve_reports"].label = ngettext(
                "Resolve %(count)d linked fault report",
                "Resolve %(count)d linked fault reports",
                reports,
            ) % {"count": reports}
            self.fields["resolve_reports"].help_text = _(
                "Only with the status “Resolved”; each reporter is told in their language."
            )
        else:
            del self.fields["resolve_reports"]

    def clean(self):
        cleaned = super().clean()
        ru, en = cleaned.get("message_ru", "").strip(), cleaned.get("message_en", "").strip()
        status = cleaned.get("update_status")
        if bool(ru) != bool(en):
            missing = "message_en" if ru else "message_ru"
            self.add_error(missing, _("Write the update in both languages."))
        elif not ru and self.instance.pk and status and status != self.instance.status:
            self.add_error("message_ru", _("A change of status is posted as an update: write it."))
        if cleaned.get("resolve_reports") and status != IncidentStatus.RESOLVED:
            self.add_error("resolve_reports", _("Linked reports are resolved with the incident only."))
        return cleaned

    def save(self, commit=True):
        creating = self.instance.pk is None
        incident = super().save(commit=commit)
        data = self.cleaned_data
        ru, en = data["message_ru"].strip(), data["message_en"].strip()
        if creating:
            incidents.first_update(incident, data["update_status"], ru, en, author=self.for_user)
        elif ru:
            incidents.post_update(
                incident,
                data["update_status"],
                ru,
                en,
                author=self.for_user,
                resolve_reports=data.get("resolve_reports", False),
            )
        return incident


class TimelinePanel(Panel):
    """The incident's posted updates, newest first (read-only: they are the public record)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "support/incidents/admin/timeline_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            pk = self.instance.pk
            context["updates"] = self.instance.updates.select_related("author") if pk else []
            return context


class IncidentViewSet(ModelViewSet):
    model = Incident
    icon = "warning"
    menu_label = _("Incidents")
    list_display = ["__str__", "impact", "status", "started_at", "resolved_at"]
    list_filter = ["status", "impact", "opened_by_monitor"]
    search_fields = ["title_ru", "title_en"]
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("title_ru"),
                    FieldPanel("title_en"),
                    FieldRowPanel([FieldPanel("impact"), FieldPanel("started_at")]),
                ],
                heading=_("Incident"),
            ),
            MultiFieldPanel([FieldPanel("components"), FieldPanel("trainers")], heading=_("Affected")),
            # The timeline before the next update: the engineer reads what was said before writing.
            TimelinePanel(heading=_("Timeline")),
            MultiFieldPanel(
                [
                    FieldPanel("update_status"),
                    FieldPanel("message_ru"),
                    FieldPanel("message_en"),
                    FieldPanel("resolve_reports"),
                ],
                heading=_("Post an update"),
            ),
        ],
        base_form_class=IncidentForm,
    )
