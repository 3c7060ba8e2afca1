"""django-prometheus's request middleware pair, leaving out the machine traffic of liveness probes
and scrapes.

Each counted request costs about a dozen labelled counter and histogram updates (each behind a lock;
in gunicorn, in a file shared by the workers): about a fifth of the in-process time of ``/healthz``.
``/healthz`` (the orchestrator's liveness probe, many a minute per worker) and ``/metrics`` (the
scraper itself) are not what the request figures are for, so they pass through uncounted; every other
request is counted as django-prometheus counts it (the database wrapper still counts their queries).
"""

from django_prometheus import middleware as counted

UNCOUNTED_PATHS = frozenset({"/healthz", "/metrics"})


class UncountedPathsMixin:
    """Hands the requests of :data:`UNCOUNTED_PATHS` straight to the next layer."""

    def __call__(self, request):
        if request.path_info in UNCOUNTED_PATHS:
            return self.get_response(request)
        return super().__call__(request)


class PrometheusBeforeMiddleware(UncountedPathsMixin, counted.PrometheusBeforeMiddleware):
    """The outer half: request counts and the latency through every other middleware."""


class PrometheusAfterMiddleware(UncountedPathsMixin, counted.PrometheusAfterMiddleware):
    """The inner half: counts by method, view and status, body sizes and view latencies."""

    # The handler calls these hooks of a middleware itself, outside ``__call__``.
    def process_view(self, request, view_func, *view_args, **view_kwargs):
        if request.path_info not in UNCOUNTED_PATHS:
            super().process_view(request, view_func, *view_args, **view_kwargs)

    def process_exception(self, request, exception):
        if request.path_info not in UNCOUNTED_PATHS:
            super().process_exception(request, exception)
