"""The JSON error shape of every API: ``{"error": {"status", "message", "fields"}}``."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework.views import exception_handler as drf_exception_handler


def error_body(status, message, fields=None):
    """The body of an API error."""
    return {"error": {"status": status, "message": str(message), "fields": fields or {}}}


def error_json(status, message, fields=None):
    """An API error as a plain Django response (views outside DRF, error handlers)."""
    return JsonResponse(error_body(status, message, fields), status=status)


def exception_handler(exc, context):
    """DRF's errors in the shape above; never a traceback."""
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
    response.data = error_body(response.status_code, message, fields)
    return response
