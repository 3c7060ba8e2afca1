"""The reference views: a trivial one (what ``/healthz`` and our own middleware's floor are measured
against) and bakerydemo's bread index and bread page over our catalogue (``bakery``: what the listing
and a trainer page are measured against)."""

from django.http import HttpResponse
from django.urls import path

from bench.reference.bakery import bread_index, bread_page


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("trivial", trivial),
    path("breads/", bread_index),
    path("breads/<slug:slug>/", bread_page),
]
