"""Error handlers. The 500 page is static so that it renders even when the database is down."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext

from core.api import error_json


def page_not_found(request, exception):
    if request.path.startswith("/api/"):
        return error_json(404, gettext("Not found."))
    return render(request, "404.html", status=404)


def server_error(request):
    return HttpResponseServerError(loader.get_template("500.html").render())
