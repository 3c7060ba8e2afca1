"""Wagtail API v2 router (``/api/v2/``): pages, images and documents.

A page's ``html_url``, also where a page appears nested as another's ``parent`` or ``alias_of``, is built
on ``settings.WAGTAILAPI_BASE_URL``, the site's public address: Wagtail's own takes the host of the
``Site`` record, which routing needs and which says ``localhost`` wherever nobody edited it.

Wagtail's viewsets read ``offset``, ``limit`` and ``search`` with ``int()`` and hand them to the
database as they are: an offset past the bigint range or a blank search ends as a server
error there. The viewsets below parse them through ``core.params`` first and answer 400 in Wagtail's
own error shape (``{"message": ...}``) instead.
"""

from django.conf import settings
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import (
    PageAliasOfField,
    PageHtmlUrlField,
    PageParentField,
    get_serializer_class,
)
from wagtail.api.v2.serializers import PageSerializer as WagtailPageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from core.params import parse_int

# Far past any listing of ours, and small enough that offset + limit stays an integer the database reads.
MAX_OFFSET = 10**9
SEARCH_OPERATORS = ("and", "or")


class ParsedPagination(WagtailPagination):
    """Wagtail's offset/limit pagination, with both numbers parsed by the project's parameter layer."""

    def paginate_queryset(self, queryset, request, view=None):
        limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
        if "offset" in request.GET and parse_int(request.GET["offset"], maximum=MAX_OFFSET) is None:
            raise BadRequestError(_("offset must be a whole number from 0 to %(max)s") % {"max": MAX_OFFSET})
        if "limit" in request.GET and parse_int(request.GET["limit"], maximum=limit_max) is None:
            raise BadRequestError(_("limit must be a whole number from 0 to %(max)s") % {"max": limit_max})
        return super().paginate_queryset(queryset, request, view)


class ParsedParameters:
    """Refuses the search terms Wagtail's search backends cannot run, before they reach them."""

    pagination_class = ParsedPagination

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        params = self.request.GET
        # NUL never gets here: website.middleware.RefuseNulMiddleware answers such requests.
        if "search" in params and not params["search"].strip():
            raise BadRequestError(_("search must contain at least one word"))
        operator = params.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError(
                _("search_operator must be one of: %(choices)s") % {"choices": ", ".join(SEARCH_OPERATORS)}
            )


class PublicPageUrlField(PageHtmlUrlField):
    def to_representation(self, page):
        try:
            parts = page.get_url_parts(self.context.get("request"))
        except NoReverseMatch:
            return None
        if parts is None:  # not routable: no site holds the page
            return None
        return settings.WAGTAILAPI_BASE_URL.rstrip("/") + parts[2]


class NestedPublicPage:
    """A nested page (``parent``, ``alias_of``) serialized as Wagtail does, on our page serializer."""

    def to_representation(self, value):
        fields = ["id", "type", "detail_url", "html_url", "title"]
        meta_fields = ["type", "detail_url", "html_url"]
        serializer_class = get_serializer_class(value.__class__, fields, meta_fields, base=PageSerializer)
        return serializer_class(context=self.context).to_representation(value)


class PublicParentField(NestedPublicPage, PageParentField):
    pass


class PublicAliasOfField(NestedPublicPage, PageAliasOfField):
    pass


class PageSerializer(WagtailPageSerializer):
    html_url = PublicPageUrlField(read_only=True)
    parent = PublicParentField(read_only=True)
    alias_of = PublicAliasOfField(read_only=True)


class Pages(ParsedParameters, PagesAPIViewSet):
    base_serializer_class = PageSerializer


class Images(ParsedParameters, ImagesAPIViewSet):
    pass


class Documents(ParsedParameters, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", Pages)
api_router.register_endpoint("images", Images)
api_router.register_endpoint("documents", Documents)


def only_public_api(endpoints):
    """drf-spectacular preprocessing hook: document our ``/api/v1/`` endpoints only."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
