"""Helpdesk endpoints under ``/api/v1/``."""

from django.urls import path

from support.helpdesk import api

app_name = "helpdesk_api"

urlpatterns = [
    path("support/fault-reports", api.FaultReportCreateView.as_view(), name="fault-report-create"),
    path(
        "support/fault-reports/<str:reference>",
        api.FaultReportStatusView.as_view(),
        name="fault-report-status",
    ),
]
