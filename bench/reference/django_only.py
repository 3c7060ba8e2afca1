"""Django with no middleware at all over ``bench.reference.urls``: the framework's own cost per
request (the request object, URL resolving, signals), the ceiling of any Django view."""

from bench.reference.settings import *  # noqa: F403

MIDDLEWARE = []
