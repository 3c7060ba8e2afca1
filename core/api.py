"""The JSON error shape of every API: ``{"error": {"status", "message", "fields"}}``."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers
from rest_framework.views import exception_handler as drf_exception_handler

from core.ratelimit import RateLimited


def error_body(status, message, fields=None):
    """The body of an API error."""
    return {"error": {"status": status, "message": str(message), "fields": fields or {}}}


def error_json(status, message, fields=None):
    """An API error as a plain Django response (views outside DRF, error handlers)."""
    return JsonResponse(error_body(status, message, fields), status=status)


def rate_limited_json(exc: RateLimited):
    """429 for an API client: the limit's message and the seconds to wait in ``Retry-After``."""
    response = error_json(429, exc.message)
    response["Retry-After"] = str(exc.retry_after)
    return response


def exception_handler(exc, context):
    """DRF's errors in the shape above; never a traceback."""
    if isinstance(exc, RateLimited):
        # DRF would answer it as the PermissionDenied it is derived from: 403.
        return rate_limited_json(exc)
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


# The OpenAPI description of the shape above and of the 429 answer, for ``extend_schema``.
ERROR_SCHEMA = inline_serializer(
    "Error",
    {
        "error": inline_serializer(
            "ErrorDetail",
            {
                "status": serializers.IntegerField(),
                "message": serializers.CharField(),
                "fields": serializers.DictField(),
            },
        )
    },
)
RATE_LIMITED_RESPONSE = OpenApiResponse(
    ERROR_SCHEMA, description="Too many requests: the rate limit of this client is spent."
)
RETRY_AFTER_HEADER = OpenApiParameter(
    "Retry-After",
    int,
    OpenApiParameter.HEADER,
    description="Seconds until the rate limit's window resets.",
    response=[429],
)
