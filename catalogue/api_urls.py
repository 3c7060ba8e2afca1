"""The catalogue's JSON API, mounted at ``/api/v1/``."""

from django.urls import path

from catalogue.api import SimulatorListView

app_name = "catalogue_api"

urlpatterns = [path("catalogue/simulators", SimulatorListView.as_view(), name="simulators")]
