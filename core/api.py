"""The JSON side of every API: the error shape ``{"error": {"status", "message", "fields"}}`` and the
body parser with the project's limits."""

import json

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import pagination, parsers, relations, serializers
from rest_framework.exceptions import NotFound, ParseError, ValidationError
from rest_framework.response import Response
from rest_framework.utils.json import strict_constant
from rest_framework.views import exception_handler as drf_exception_handler

from core import languages
from core.params import MAX_JSON_DEPTH, JSONTooDeep, loads_json, parse_id, parse_int
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


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser within the project's limits: nested at most ``core.params.MAX_JSON_DEPTH``
    levels and valid JSON, or a 400 in the client's language (``json.load`` recurses once per nesting
    level, so depth is checked before parsing). DRF hands a JSON parser ``request.body``, which is where
    Django refuses a body past ``DATA_UPLOAD_MAX_MEMORY_SIZE``: ``website.errors.bad_request`` answers
    that with a JSON 413."""

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read()
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            raise ParseError(
                _("The request body is not valid %(encoding)s text.") % {"encoding": encoding}
            ) from None
        try:
            return loads_json(text, parse_constant=strict_constant if self.strict else None)
        except JSONTooDeep:
            raise ParseError(
                _("The JSON body is nested deeper than %(max)s levels.") % {"max": MAX_JSON_DEPTH}
            ) from None
        except json.JSONDecodeError as error:
            raise ParseError(
                _("The request body is not valid JSON (line %(line)s, column %(column)s).")
                % {"line": error.lineno, "column": error.colno}
            ) from None
        except ValueError:  # a constant JSON does not have (NaN, Infinity)
            raise ParseError(_("The request body is not valid JSON.")) from None


ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "status": {"type": "integer"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": True},
            },
            "required": ["status", "message", "fields"],
        }
    },
    "required": ["error"],
}
# The 429 answer of a rate-limited operation, for ``extend_schema`` (document_errors gives it the shape).
RATE_LIMITED_RESPONSE = OpenApiResponse(
    description="Too many requests: the rate limit of this client is spent."
)
RETRY_AFTER_HEADER = OpenApiParameter(
    "Retry-After",
    int,
    OpenApiParameter.HEADER,
    description="Seconds until the rate limit's window resets.",
    response=[429],
)
_ERROR_DESCRIPTIONS = {
    "400": "The parameters or the body are not valid (the fields say which).",
    "403": "Not signed in, or the user lacks the permission.",
    "404": "Nothing by that id or reference.",
    "413": "The request body is larger than the server accepts.",
}


def document_errors(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation documents the errors it can answer, in the
    shape above: 400 when it takes query parameters or a body, 404 when its path names something, 413 when it
    takes a body, 403 when it needs a signed-in user. Answers a view documents itself (429 with
    ``Retry-After``, say) are kept, given the error shape when they name none."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            parameters = operation.get("parameters", [])
            wanted = set()
            if "requestBody" in operation or any(parameter["in"] == "query" for parameter in parameters):
                wanted.add("400")
            if any(parameter["in"] == "path" for parameter in parameters):
                wanted.add("404")
            if "requestBody" in operation:
                wanted.add("413")
            if {} not in operation.get("security", [{}]):
                wanted.add("403")
            responses = operation.setdefault("responses", {})
            for status in sorted(wanted - responses.keys()):
                responses[status] = {"description": _ERROR_DESCRIPTIONS[status], "content": reference}
            for status, response in responses.items():
                if status.isdigit() and int(status) >= 400 and not response.get("content"):
                    response["content"] = reference
    return result


def _not_one_of(name, choices):
    return ValidationError({name: [_("One of: %(choices)s.") % {"choices": ", ".join(choices)}]})


def requested_choice(query, name, choices, default=""):
    """The value of query parameter ``name``, else ``default``; a value not in ``choices`` is a 400
    naming the parameter and the values it takes."""
    value = query.get(name) or default
    if value and value not in choices:
        raise _not_one_of(name, choices)
    return value


def requested_language(query, default, *, legacy=False):
    """The language an API request names by ``locale`` (``core.languages.from_query``), else
    ``default``; a value that is no language of the site is a 400 naming ``locale``."""
    try:
        return languages.from_query(query, legacy=legacy) or default
    except languages.UnknownLanguage:
        raise _not_one_of(languages.PARAMETER, languages.codes()) from None


class LocaleFromParameter:
    """For an API view: a valid ``locale`` query parameter (``core.languages.from_query``) alone decides
    the language of the whole answer, labels and error messages alike, whatever ``Accept-Language``
    says; without it the request's language stands. The answer is rendered inside that language because
    lazy labels turn into text only when rendered, after the view has returned."""

    def dispatch(self, request, *args, **kwargs):
        try:
            code = languages.from_query(request.GET)
        except languages.UnknownLanguage:
            code = None  # the view names the bad parameter in its 400
        if code is None:
            response = super().dispatch(request, *args, **kwargs)
            # Labels (and the search's language) then follow the request's Accept-Language: a shared
            # cache must keep one answer per language.
            patch_vary_headers(response, ["Accept-Language"])
            return response
        with translation.override(code):
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            response["Content-Language"] = code
        return response


class PageNumberPagination(pagination.PageNumberPagination):
    """The one pagination of every ``/api/v1/`` list: ``page`` and ``page_size`` read by ``core.params``
    (not a whole number from 1: a 400 naming the parameter; a page past the last: a 404), and one answer
    shape, ``{count, page, num_pages, page_size, next, previous, results}`` plus what a view adds.

    Views whose page comes from elsewhere (the catalogue listing, search) answer with :meth:`respond`."""

    page_size = 20
    max_page_size = 100
    page_size_query_param = "page_size"
    # "last" would be a page number no other parameter parser of ours accepts.
    last_page_strings = ()

    def get_page_number(self, request, paginator=None):
        raw = request.query_params.get(self.page_query_param)
        if raw in (None, ""):
            return 1
        number = parse_int(raw, minimum=1)
        if number is None:
            raise ValidationError({self.page_query_param: [_("Enter a page number from 1.")]})
        return number

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw in (None, ""):
            return self.page_size
        size = parse_int(raw, minimum=1, maximum=self.max_page_size)
        if size is None:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("Enter a whole number from 1 to %(max)s.") % {"max": self.max_page_size}
                    ]
                }
            )
        return size

    def page_of(self, count, number, page_size):
        """The page ``number`` of ``count`` results counted elsewhere (a range is never materialised);
        a page past the last is a 404 like :meth:`paginate_queryset`'s."""
        try:
            return Paginator(range(count), page_size).page(number)
        except InvalidPage:
            raise NotFound(_("There is no such page.")) from None

    def respond(self, request, page, results, **extra):
        """The paginated answer for a Django ``page`` the view got without :meth:`paginate_queryset`."""
        self.request, self.page = request, page
        return Response({**self.body(results), **extra})

    def body(self, results):
        paginator = self.page.paginator
        return {
            "count": paginator.count,
            "page": self.page.number,
            "num_pages": paginator.num_pages,
            "page_size": paginator.per_page,
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            "results": results,
        }

    def get_paginated_response(self, data):
        return Response(self.body(data))

    def get_paginated_response_schema(self, schema):
        return paginated_schema(schema)


def paginated_schema(results, **extra):
    """The OpenAPI schema of :class:`PageNumberPagination`'s answer; ``extra`` names added properties."""
    link = {"type": "string", "format": "uri", "nullable": True}
    properties = {
        "count": {"type": "integer"},
        "page": {"type": "integer"},
        "num_pages": {"type": "integer"},
        "page_size": {"type": "integer"},
        "next": link,
        "previous": link,
        "results": results,
        **extra,
    }
    return {"type": "object", "required": list(properties), "properties": properties}


def paginated_serializer(name, results, **extra):
    """The same answer as a named serializer, for views that answer with :meth:`~PageNumberPagination.respond`
    and add their own fields (``extra``, serializer fields)."""
    return inline_serializer(
        name,
        {
            "count": serializers.IntegerField(),
            "page": serializers.IntegerField(),
            "num_pages": serializers.IntegerField(),
            "page_size": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": results,
            **extra,
        },
    )


class PrimaryKeyRelatedField(relations.PrimaryKeyRelatedField):
    """DRF's primary-key relation with the id read by ``core.params.parse_id`` first: a number past the
    database's range is "does not exist" rather than an overflow inside the lookup."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        pk = parse_id(str(data))
        if pk is None:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(pk)
