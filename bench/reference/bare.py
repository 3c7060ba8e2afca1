"""A bare WSGI application answering ``ok``: what gunicorn alone costs per request."""


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]
