"""Admin registration (builds, personal links, download log, upload page, release channels, fleet
inventory) and site hooks."""

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale

from . import admin_views, channel_admin
from .context import trainer_release_context
from .hints import installation_hints
from .models import DownloadLog, PersonalDownloadLink, ReleaseNotePage, ReleaseNotesIndexPage, SimulatorBuild
from .models.builds import PUBLISH_PERMISSION
from .permissions import ADD_PERMISSION, VIEW_PERMISSION


class SimulatorBuildViewSet(ModelViewSet):
    model = SimulatorBuild
    icon = "download"
    menu_label = _("Builds")
    name = "simulator_builds"
    add_view_class = admin_views.BuildAddRedirectView
    form_fields = ["release_note", "is_public_demo"]
    list_display = [
        "trainer",
        "version",
        "platform",
        "kind",
        "status",
        "is_public_demo",
        "size",
        "uploaded_at",
    ]
    list_filter = ["trainer", "platform", "status", "kind", "is_public_demo"]
    search_fields = ["version", "original_filename", "sha256"]
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return admin_views.BuildForm


class PersonalDownloadLinkViewSet(ModelViewSet):
    model = PersonalDownloadLink
    icon = "link"
    menu_label = _("Personal download links")
    name = "simulator_download_links"
    add_view_class = admin_views.PersonalLinkCreateView
    form_fields = ["build", "issued_to", "note", "expires_at", "revoked_at"]
    list_display = ["build", "issued_to", "expires_at", "revoked_at", "created_at"]
    list_filter = ["build__trainer", "revoked_at"]
    search_fields = ["issued_to", "note"]
    copy_view_enabled = False
    inspect_view_enabled = True


class DownloadLogViewSet(ModelViewSet):
    model = DownloadLog
    icon = "history"
    menu_label = _("Download log")
    name = "simulator_download_log"
    form_fields = ["outcome"]
    list_display = ["created_at", "build", "link", "user", "ip_address", "outcome"]
    list_filter = ["outcome", "build__trainer"]
    copy_view_enabled = False
    inspect_view_enabled = True


class SimulatorsViewSetGroup(ViewSetGroup):
    items = (SimulatorBuildViewSet, PersonalDownloadLinkViewSet, DownloadLogViewSet)
    menu_icon = "desktop"
    menu_label = _("Simulators")
    menu_name = "simulators"


@hooks.register("register_admin_viewset")
def register_viewsets():
    return SimulatorsViewSetGroup()


@hooks.register("register_admin_urls")
def register_upload_url():
    return [
        path("simulators/upload/", admin_views.upload, name="simulators_upload"),
        path("simulators/channels/", channel_admin.channels_index, name="simulators_channels"),
        path(
            "simulators/channels/<id:pk>/<slug:action>/",
            channel_admin.channel_action,
            name="simulators_channel_action",
        ),
        path("simulators/fleet/", channel_admin.inventory, name="simulators_fleet"),
    ]


class PermissionMenuItem(MenuItem):
    """A menu item shown to holders of ``permission`` only."""

    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def upload_menu_item():
    return PermissionMenuItem(
        _("Upload a build"),
        reverse("simulators_upload"),
        icon_name="upload",
        order=250,
        permission=ADD_PERMISSION,
    )


@hooks.register("register_admin_menu_item")
def channels_menu_item():
    return PermissionMenuItem(
        _("Release channels"),
        reverse("simulators_channels"),
        icon_name="rotate",
        order=251,
        permission=PUBLISH_PERMISSION,
    )


@hooks.register("register_admin_menu_item")
def fleet_menu_item():
    return PermissionMenuItem(
        _("Fleet inventory"),
        reverse("simulators_fleet"),
        icon_name="tablet-alt",
        order=252,
        permission=VIEW_PERMISSION,
    )


# Asked by the helpdesk's triage hints (the contract is documented where it calls the hook).
hooks.register("vt_installation_hints", installation_hints)


@hooks.register("vt_home_sections")
def latest_release_notes_section(home_page, request):
    """The three newest release notes of the home page's language."""
    locale = home_page.locale if home_page else Locale.get_active()
    notes = list(
        ReleaseNotePage.objects.live().public().filter(locale=locale).order_by("-release_date", "-pk")[:3]
    )
    if not notes:
        return None
    index = ReleaseNotesIndexPage.objects.live().filter(locale=locale).first()
    return {
        "order": 60,
        "template": "simulators/includes/home_release_notes.html",
        "context": {"notes": notes, "index": index},
    }


@hooks.register("vt_simulator_actions")
def trainer_builds_actions(page, request):
    """Download / "launch demo" buttons, the current version and the latest release notes of a trainer."""
    context = {**trainer_release_context(page), "user": request.user, "request": request}
    return render_to_string("simulators/includes/trainer_builds.html", context, request=request)
