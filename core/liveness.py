"""The liveness probe, ``/healthz``, answered at the WSGI entry point before Django sees the request.

Liveness asks one question: does this worker process still answer HTTP? Everything Django does for a
request (the request object, URL resolving, the middleware stack, signals) adds nothing to that
answer and costs more than the answer itself: measured under gunicorn on this machine, Django with no
middleware at all serves 0.58x the requests of a bare WSGI app (``bench/cases/foundation.py``), so no
Django view can come near the probe's cost here, and orchestrators and Docker's health check call it
many times a minute per worker. What the process depends on (database, cache, storage, search, the
task queue) is ``/readyz``'s question, answered by the site's views (``website.health``).
"""

PATH = "/healthz"
# What Django's ``never_cache`` writes: no proxy or browser may keep a probe's answer.
NEVER_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private"
BODY = b"ok"
HEADERS = [
    ("Content-Type", "text/plain; charset=utf-8"),
    ("Content-Length", str(len(BODY))),
    ("Cache-Control", NEVER_CACHE),
    ("X-Content-Type-Options", "nosniff"),
]
NOT_ALLOWED = [("Allow", "GET, HEAD"), ("Content-Length", "0"), ("Cache-Control", NEVER_CACHE)]


class LivenessProbe:
    """WSGI middleware answering ``GET``/``HEAD /healthz`` with ``ok`` and handing every other request
    to the wrapped application (the Django site)."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != PATH:
            return self.application(environ, start_response)
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD"):
            start_response("405 Method Not Allowed", NOT_ALLOWED)
            return [b""]
        start_response("200 OK", HEADERS)
        return [b""] if method == "HEAD" else [BODY]
