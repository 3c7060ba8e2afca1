"""``/metrics`` (unprefixed)."""

from django.urls import path

from support.monitoring.metrics import metrics

urlpatterns = [path("metrics", metrics, name="metrics")]
