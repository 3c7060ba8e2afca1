"""Our URLs plus ``/trivial``, the reference views' trivial view."""

from django.urls import path

from bench.reference.urls import trivial
from config.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("trivial", trivial), *site_urlpatterns]
