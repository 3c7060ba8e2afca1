"""``/api/v1/``: staff upload endpoints for builds, the public release notes list and the update
manifest installed trainers poll."""

from django.urls import path

from . import api, updates

app_name = "simulators_api"

urlpatterns = [
    path("builds/uploads", api.UploadStartView.as_view(), name="upload_start"),
    path("builds/uploads/<id:pk>/parts", api.UploadPartsView.as_view(), name="upload_parts"),
    path("builds/uploads/<id:pk>/complete", api.UploadCompleteView.as_view(), name="upload_complete"),
    path("builds/uploads/<id:pk>", api.UploadAbortView.as_view(), name="upload_abort"),
    path("builds/<id:pk>", api.BuildDetailView.as_view(), name="build_detail"),
    path("builds/<id:pk>/publish", api.BuildPublishView.as_view(), name="build_publish"),
    path("release-notes", api.ReleaseNoteListView.as_view(), name="release_notes"),
    path("updates/public-key", updates.PublicKeyView.as_view(), name="updates_public_key"),
    path("updates/<str:trainer>/<str:platform>", updates.UpdateManifestView.as_view(), name="updates"),
]
