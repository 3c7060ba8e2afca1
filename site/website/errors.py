"""Error handlers: JSON under ``/api/``, pages in the visitor's language elsewhere. The 500 page is
static so that it renders even when the database is down."""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext
from django.views import defaults

from core.api import error_json


def bad_request(request, exception):
    """A refused request (Django's ``SuspiciousOperation``: an oversized body, too many fields, a
    disallowed Host header). An oversized body is a 413, so a client knows to send less."""
    too_large = isinstance(exception, RequestDataTooBig)
    if request.path.startswith("/api/"):
        if too_large:
            return error_json(413, gettext("The request body is too large."))
        return error_json(400, gettext("The request is not valid."))
    if too_large:
        return render(request, "413.html", status=413)
    # Anything else may be a disallowed Host header: a page that renders links would ask for the host
    # again and fail, so Django's plain answer it is.
    return defaults.bad_request(request, exception)


def page_not_found(request, exception):
    if request.path.startswith("/api/"):
        return error_json(404, gettext("Not found."))
    return render(request, "404.html", status=404)


def server_error(request):
    return HttpResponseServerError(loader.get_template("500.html").render())
