"""django-prometheus's request middleware pair, recording the figures operators read and leaving out
the scraper's own requests.

django-prometheus updates about a dozen labelled counters and histograms per request (each behind a
lock; in gunicorn, in a file shared by the workers): measured in process, the pair was the largest
share of what our middleware adds to a trivial view (77 of 288 µs). Most of them are sums of the
others or describe the transport rather than the site (requests by method, by transport, AJAX
requests, request and response body sizes, responses by status alone, by charset, streaming
responses, by template). The pair here keeps, under django-prometheus's names:

- the outer half's requests, responses and latency through every middleware (unchanged);
- requests by view, transport and method; responses by status, view and method; latency by view and
  method; exceptions by type and by view.

Totals by method or status are ``sum by (method)`` / ``sum by (status)`` of these. ``/metrics`` (the
scraper itself, every few seconds) passes through uncounted. Liveness probes never reach Django
(``core.liveness``). The database wrapper still counts every query.
"""

from django_prometheus import middleware as counted
from django_prometheus.utils import Time, TimeSince

UNCOUNTED_PATHS = frozenset({"/metrics"})


class UncountedPathsMixin:
    """Hands the requests of :data:`UNCOUNTED_PATHS` straight to the next layer."""

    def __call__(self, request):
        if request.path_info in UNCOUNTED_PATHS:
            return self.get_response(request)
        return super().__call__(request)


class PrometheusBeforeMiddleware(UncountedPathsMixin, counted.PrometheusBeforeMiddleware):
    """The outer half: request counts and the latency through every other middleware."""


class PrometheusAfterMiddleware(UncountedPathsMixin, counted.PrometheusAfterMiddleware):
    """The inner half: counts by view, method and status, view latencies and exceptions."""

    def process_request(self, request):
        request.prometheus_after_middleware_event = Time()

    # The handler calls these hooks of a middleware itself, outside ``__call__``.
    def process_view(self, request, view_func, *view_args, **view_kwargs):
        if request.path_info not in UNCOUNTED_PATHS:
            super().process_view(request, view_func, *view_args, **view_kwargs)

    def process_template_response(self, request, response):
        return response

    def process_response(self, request, response):
        method = self._method(request)
        view = self._get_view_name(request)
        metrics = self.metrics
        status = str(response.status_code)
        metrics.responses_by_status_view_method.labels(status=status, view=view, method=method).inc()
        started = getattr(request, "prometheus_after_middleware_event", None)
        if started is None:
            metrics.requests_unknown_latency.inc()
        else:
            metrics.requests_latency_by_view_method.labels(view=view, method=method).observe(
                TimeSince(started)
            )
        return response

    def process_exception(self, request, exception):
        if request.path_info not in UNCOUNTED_PATHS:
            super().process_exception(request, exception)
