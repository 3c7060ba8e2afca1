"""Wagtail admin views: the direct-to-S3 build upload page and the build edit form."""

from django import forms
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import permission_required
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic

from catalogue.models import SimulatorPage
from core import languages

from .models import BuildKind, BuildStatus, InvalidTransition, Platform, SimulatorBuild
from .models.builds import PUBLISH_PERMISSION, TRANSITIONS
from .permissions import ADD_PERMISSION
from .storage import get_store


@permission_required(ADD_PERMISSION)
def upload(request):
    """The upload form; ``simulators/upload.js`` talks to ``/api/v1/builds/uploads``."""
    trainers = SimulatorPage.objects.filter(locale__language_code=languages.default()).order_by("title")
    if not trainers.exists():
        trainers = SimulatorPage.objects.order_by("title")
    return render(
        request,
        "simulators/admin/upload.html",
        {
            "trainers": trainers,
            "platforms": Platform.choices,
            "kinds": BuildKind.choices,
            "direct_upload": get_store().supports_direct_upload,
            "api_root": reverse("simulators_api:upload_start"),
            "builds_url": reverse("simulator_builds:index"),
            "header_title": _("Upload a build"),
        },
    )


class BuildAddRedirectView(generic.CreateView):
    """Builds are created by uploading a file, so "Add" opens the upload page."""

    def dispatch(self, request, *args, **kwargs):
        return redirect("simulators_upload")


class PersonalLinkCreateView(generic.CreateView):
    """Records who issued a personal link: the link is handed to a customer on that person's word."""

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class BuildForm(WagtailAdminModelForm):
    """Edits the release note and demo flag; a status change goes through the build lifecycle.

    Publishing (and turning a build into a public demo, which hands it to everyone) needs the publish
    permission: without it the choice is not offered and the flag cannot be changed.
    """

    new_status = forms.ChoiceField(label=gettext_lazy("Status"), choices=BuildStatus.choices)

    class Meta:
        model = SimulatorBuild
        fields = ["release_note", "is_public_demo"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.may_publish = bool(self.for_user and self.for_user.has_perm(PUBLISH_PERMISSION))
        if not self.may_publish:
            self.fields["is_public_demo"].disabled = True
        if self.instance.pk:
            current = BuildStatus(self.instance.status)
            allowed = [current, *TRANSITIONS[current]]
            if not self.may_publish:
                allowed = [s for s in allowed if s == current or s != BuildStatus.PUBLISHED]
            self.fields["new_status"].choices = [(s.value, s.label) for s in allowed]
            self.fields["new_status"].initial = current.value

    def clean_new_status(self):
        target = self.cleaned_data["new_status"]
        publishing = target == BuildStatus.PUBLISHED and self.instance.status != BuildStatus.PUBLISHED
        if publishing and not self.may_publish:
            raise forms.ValidationError(_("You are not allowed to publish builds."))
        if target != self.instance.status and not self.instance.can_transition(target):
            raise forms.ValidationError(_("This status change is not allowed."))
        if target == BuildStatus.DRAFT and self.instance.status == BuildStatus.UPLOADING:
            raise forms.ValidationError(_("The upload has not been verified (size and SHA-256) yet."))
        return target

    def save(self, commit=True):
        build = super().save(commit=commit)
        target = self.cleaned_data["new_status"]
        if commit and target != build.status:
            try:
                build.transition(target)
            except InvalidTransition as exc:
                raise forms.ValidationError(exc.messages) from exc
        return build
