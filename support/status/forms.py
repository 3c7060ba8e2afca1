"""The admin form of a maintenance notice: it refuses to publish what breaks the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.admin_forms import LocaleChoicesPageForm
from support.status import rules
from support.status.choices import COMPONENT_CHOICES


class MaintenanceNoticeForm(LocaleChoicesPageForm):
    """Runs :func:`support.status.rules.check`; the notice rule applies only when publishing. Offers
    the trainers of the notice's language only."""

    components = forms.MultipleChoiceField(
        label=_("Components"),
        choices=COMPONENT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    @property
    def publishing(self):
        return bool(self.data.get("action-publish"))

    def clean(self):
        cleaned = super().clean()
        page = self.instance
        live = None
        if page.pk:
            live = type(page).objects.filter(pk=page.pk, live=True).values("starts_at", "ends_at").first()
        window = rules.Window(
            starts_at=cleaned.get("starts_at"),
            ends_at=cleaned.get("ends_at"),
            kind=cleaned.get("kind") or "planned",
            justification=cleaned.get("justification") or "",
            cancelled=bool(cleaned.get("cancelled")),
            whole_platform=bool(cleaned.get("whole_platform")),
            components=cleaned.get("components") or [],
            trainer_keys=[t.translation_key for t in (cleaned.get("trainers") or [])],
        )
        verdict = rules.check(
            window,
            publishing=self.publishing,
            notified_at=page.first_published_at if live else None,
            previous=(live["starts_at"], live["ends_at"]) if live else None,
            exclude_key=page.translation_key if page.pk else None,
            notices=type(page).live_notices(),
        )
        for field_name, messages in verdict.errors.items():
            for message in messages:
                self.add_error(field_name if field_name in self.fields else None, message)
        # The views show these with Wagtail's messages after a successful save (wagtail_hooks).
        self.maintenance_warnings = verdict.warnings
        return cleaned
