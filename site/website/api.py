"""Shared pieces of the ``/api/v1/`` REST API: every error is JSON with a stable shape."""

from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """Wrap DRF errors as ``{"error": {"status", "message", "fields"}}``; never leak a traceback."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    fields = {}
    if isinstance(data, dict):
        message = data.get("detail") or _("The request is not valid.")
        fields = {key: value for key, value in data.items() if key != "detail"}
    elif isinstance(data, list):
        message = " ".join(str(item) for item in data)
    else:
        message = str(data)
    body = {"error": {"status": response.status_code, "message": str(message), "fields": fields}}
    return Response(body, status=response.status_code, headers=response.headers)


def error_response(message, *, status_code=status.HTTP_400_BAD_REQUEST, fields=None):
    """A JSON error in the same shape as ``exception_handler`` produces."""
    body = {"error": {"status": status_code, "message": str(message), "fields": fields or {}}}
    return Response(body, status=status_code)
