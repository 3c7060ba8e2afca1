"""The trainer's admin form: what a trainer needs before it is published."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.admin_forms import LocaleChoicesPageForm

# Field -> the message shown on it when publishing without it. The catalogue's filters and cards need
# an industry and a platform; cards, sharing and search results need the picture.
REQUIRED_TO_PUBLISH = {
    "industries": _("Choose at least one industry before publishing the trainer."),
    "platforms": _("Choose at least one platform before publishing the trainer."),
    "hero_image": _("Choose a hero image before publishing the trainer."),
}


def missing_to_publish(page):
    """The fields of ``REQUIRED_TO_PUBLISH`` that ``page`` (a trainer, or a revision of one) leaves empty."""
    missing = []
    for name in REQUIRED_TO_PUBLISH:
        value = getattr(page, name)
        # Many-to-many fields: a manager on a saved page, modelcluster's fake one on a revision's object.
        if hasattr(value, "exists"):
            value = value.exists()
        if not value:
            missing.append(name)
    return missing


class SimulatorPageForm(LocaleChoicesPageForm):
    """Taxonomy, related trainers and requirement platforms of the page's language only; and the
    fields a published trainer needs."""

    def clean(self):
        cleaned_data = super().clean()
        # Wagtail defers required fields for "Save draft" only: publishing and submitting for
        # moderation validate in full, so a draft may stay incomplete.
        if self.is_deferred_validation:
            return cleaned_data
        missing = [name for name in REQUIRED_TO_PUBLISH if name in self.fields and not cleaned_data.get(name)]
        for name in missing:
            self.add_error(name, REQUIRED_TO_PUBLISH[name])
        if missing:
            # The fields sit on two tabs; say at the top what is missing and that a draft may wait.
            raise ValidationError(
                _(
                    "A trainer is published with an industry, a platform and a hero image. "
                    "Save a draft to finish it later."
                )
            )
        return cleaned_data
