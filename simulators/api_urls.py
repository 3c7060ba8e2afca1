"""``/api/v1/``: staff upload endpoints for builds and the public release notes list."""

from django.urls import path

from . import api

app_name = "simulators_api"

urlpatterns = [
    path("builds/uploads", api.UploadStartView.as_view(), name="upload_start"),
    path("builds/uploads/<int:pk>/parts", api.UploadPartsView.as_view(), name="upload_parts"),
    path("builds/uploads/<int:pk>/complete", api.UploadCompleteView.as_view(), name="upload_complete"),
    path("builds/uploads/<int:pk>", api.UploadAbortView.as_view(), name="upload_abort"),
    path("builds/<int:pk>", api.BuildDetailView.as_view(), name="build_detail"),
    path("builds/<int:pk>/publish", api.BuildPublishView.as_view(), name="build_publish"),
    path("release-notes", api.ReleaseNoteListView.as_view(), name="release_notes"),
]
