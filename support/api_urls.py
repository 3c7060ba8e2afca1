"""Support endpoints under ``/api/v1/``."""

from django.urls import include, path

from support.faults import api

app_name = "support_api"

urlpatterns = [
    path("", include("support.maintenance.api_urls")),
    path("support/fault-reports", api.FaultReportCreateView.as_view(), name="fault-report-create"),
    path(
        "support/fault-reports/<str:reference>",
        api.FaultReportStatusView.as_view(),
        name="fault-report-status",
    ),
]
