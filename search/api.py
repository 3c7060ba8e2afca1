"""``GET /api/v1/search`` and ``GET /api/v1/search/suggest`` (documented in the OpenAPI schema)."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Locale

from catalogue.queries import taxonomy
from core import languages
from core.api import LocaleFromParameter, PageNumberPagination, paginated_serializer
from search import service
from search.backends.base import PAGE_SIZE
from search.models import FACET_KINDS, TYPE_KEYS
from search.text import MAX_QUERY_LENGTH, clean_query

LOCALE_HELP = (
    "Language to search in. Without it: the language of the Accept-Language header, else the one whose "
    "alphabet the query is written in (Cyrillic: ru, Latin: en), else the default language."
)


class SearchParamsSerializer(serializers.Serializer):
    q = serializers.CharField(max_length=MAX_QUERY_LENGTH, trim_whitespace=True)
    locale = serializers.ChoiceField(choices=languages.codes(), required=False, help_text=LOCALE_HELP)
    type = serializers.ChoiceField(choices=TYPE_KEYS, required=False)
    industry = serializers.CharField(max_length=255, required=False, help_text="Slug of an industry.")
    platform = serializers.CharField(max_length=255, required=False, help_text="Slug of a platform.")


class SuggestParamsSerializer(serializers.Serializer):
    q = serializers.CharField(max_length=MAX_QUERY_LENGTH, trim_whitespace=True)
    locale = serializers.ChoiceField(choices=languages.codes(), required=False, help_text=LOCALE_HELP)


def search_language(request, data):
    """The ``locale`` asked for; else the request's language when the client named one; else the
    language of the query's alphabet («first aid» is searched in English)."""
    if data.get("locale"):
        return data["locale"]
    if request.headers.get("Accept-Language"):
        return languages.current()
    return service.script_language(data["q"]) or languages.default()


class HitSerializer(serializers.Serializer):
    page_id = serializers.IntegerField()
    type = serializers.CharField()
    title = serializers.CharField()
    title_html = serializers.CharField(help_text="Title with <mark> highlights; other HTML escaped.")
    snippet_html = serializers.CharField(help_text="Snippet with <mark> highlights; other HTML escaped.")
    url = serializers.CharField()
    promoted = serializers.BooleanField()


class FacetValueSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text="The value to pass back as the facet's parameter.")
    name = serializers.CharField(help_text="Label in the answer's language.")
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class FacetsSerializer(serializers.Serializer):
    industry = FacetValueSerializer(many=True)
    platform = FacetValueSerializer(many=True)


class SearchPagination(PageNumberPagination):
    """Pages of the backends' fixed size, at most ``service.MAX_PAGE`` of them."""

    page_size = PAGE_SIZE
    page_size_query_param = None

    def get_page_number(self, request, paginator=None):
        number = super().get_page_number(request, paginator)
        if number > service.MAX_PAGE:
            raise ValidationError(
                {
                    self.page_query_param: [
                        _("Enter a page number from 1 to %(max)s.") % {"max": service.MAX_PAGE}
                    ]
                }
            )
        return number


SearchResponseSerializer = paginated_serializer(
    "SearchResults",
    HitSerializer(many=True),
    query=serializers.CharField(),
    corrected=serializers.CharField(allow_null=True),
    backend=serializers.CharField(),
    type_counts=serializers.DictField(child=serializers.IntegerField()),
    facets=FacetsSerializer(),
    promoted=HitSerializer(many=True),
    locale=serializers.CharField(help_text="The language searched in."),
    other_languages=serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Result counts in other languages, given when nothing was found or the query is "
        "written in another language's alphabet.",
    ),
)
PAGE_PARAMETER = OpenApiParameter(
    "page", OpenApiTypes.INT, description=f"Page number from 1 to {service.MAX_PAGE}."
)


class SuggestionSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    type = serializers.CharField()


class SuggestResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    suggestions = SuggestionSerializer(many=True)


def _filters(data, terms):
    """The facet slugs asked for, as the display names the search backends filter on."""
    filters, errors = {}, {}
    for kind in FACET_KINDS:
        slug = data.get(kind)
        if not slug:
            continue
        term = terms.term(kind, slug)
        if term is None:
            errors[kind] = [_("Unknown value.")]
        else:
            filters[kind] = term.name
    if errors:
        raise ValidationError(errors)
    return filters


def _facets(results, terms, filters):
    """The backends count facet values by display name; the API keys them by the taxonomy's slug, as
    the catalogue's facets are. A name the taxonomy no longer has (a term renamed since indexing) is
    left out: there is no slug to filter on it by."""
    facets = {}
    for kind in FACET_KINDS:
        by_name = {term.name: term for term in terms.choices(kind)}
        facets[kind] = [
            {"slug": term.slug, "name": term.name, "count": count, "selected": filters.get(kind) == term.name}
            for term, count in ((by_name.get(name), count) for name, count in results.facets.get(kind, []))
            if term is not None
        ]
    return facets


def _hit(hit):
    return {
        "page_id": hit.page_id,
        "type": hit.type,
        "title": hit.title,
        "title_html": hit.title_html,
        "snippet_html": hit.snippet_html,
        "url": hit.url,
        "promoted": hit.promoted,
    }


class SearchAPIView(LocaleFromParameter, APIView):
    """Full-text search over trainers, release notes, maintenance notices and pages of one locale."""

    permission_classes = []

    @extend_schema(
        parameters=[SearchParamsSerializer, PAGE_PARAMETER],
        responses={
            200: SearchResponseSerializer,
            404: OpenApiResponse(description="A page past the last."),
        },
        tags=["search"],
    )
    def get(self, request):
        params = SearchParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        pagination = SearchPagination()
        number = pagination.get_page_number(request)
        code = search_language(request, data)
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            raise ValidationError({"locale": [_("This language is not configured.")]})
        terms = taxonomy(locale)
        filters = _filters(data, terms)
        results = service.search(data["q"], code, data.get("type"), filters, number)
        if results is None:  # a query of only whitespace or control characters
            raise ValidationError({"q": [_("This field may not be blank.")]})
        return pagination.respond(
            request,
            pagination.page_of(results.total, number, results.page_size),
            [_hit(h) for h in results.hits],
            query=clean_query(data["q"]),
            corrected=results.corrected,
            backend=results.backend,
            type_counts=results.type_counts,
            facets=_facets(results, terms, filters),
            promoted=[_hit(h) for h in results.promoted],
            locale=code,
            other_languages=service.other_languages(data["q"], code, results),
        )


class SuggestAPIView(LocaleFromParameter, APIView):
    """Title completions for the header search box (at most 8)."""

    permission_classes = []

    @extend_schema(parameters=[SuggestParamsSerializer], responses=SuggestResponseSerializer, tags=["search"])
    def get(self, request):
        params = SuggestParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        suggestions = service.suggest(data["q"], search_language(request, data))
        return Response(
            {
                "query": data["q"],
                "suggestions": [{"title": s.title, "url": s.url, "type": s.type} for s in suggestions],
            }
        )
