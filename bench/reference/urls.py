"""The reference views: a trivial one (what ``/healthz`` is measured against)."""

from django.http import HttpResponse
from django.urls import path


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("healthz", trivial)]
