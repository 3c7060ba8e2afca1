"""``GET /api/v1/search`` and ``GET /api/v1/search/suggest`` (documented in the OpenAPI schema)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core import languages
from search import service
from search.models import FACET_KINDS, TYPE_KEYS
from search.text import MAX_QUERY_LENGTH, clean_query


class SearchParamsSerializer(serializers.Serializer):
    q = serializers.CharField(max_length=MAX_QUERY_LENGTH, trim_whitespace=True)
    locale = serializers.ChoiceField(choices=languages.codes(), default=languages.default)
    type = serializers.ChoiceField(choices=TYPE_KEYS, required=False)
    industry = serializers.CharField(max_length=255, required=False)
    platform = serializers.CharField(max_length=255, required=False)
    page = serializers.IntegerField(min_value=1, max_value=service.MAX_PAGE, default=1)


class SuggestParamsSerializer(serializers.Serializer):
    q = serializers.CharField(max_length=MAX_QUERY_LENGTH, trim_whitespace=True)
    locale = serializers.ChoiceField(choices=languages.codes(), default=languages.default)


class HitSerializer(serializers.Serializer):
    page_id = serializers.IntegerField()
    type = serializers.CharField()
    title = serializers.CharField()
    title_html = serializers.CharField(help_text="Title with <mark> highlights; other HTML escaped.")
    snippet_html = serializers.CharField(help_text="Snippet with <mark> highlights; other HTML escaped.")
    url = serializers.CharField()
    promoted = serializers.BooleanField()


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    count = serializers.IntegerField()


class FacetsSerializer(serializers.Serializer):
    industry = FacetValueSerializer(many=True)
    platform = FacetValueSerializer(many=True)


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    corrected = serializers.CharField(allow_null=True)
    backend = serializers.CharField()
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    type_counts = serializers.DictField(child=serializers.IntegerField())
    facets = FacetsSerializer()
    promoted = HitSerializer(many=True)
    results = HitSerializer(many=True)


class SuggestionSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    type = serializers.CharField()


class SuggestResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    suggestions = SuggestionSerializer(many=True)


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


class SearchAPIView(APIView):
    """Full-text search over trainers, release notes, maintenance notices and pages of one locale."""

    permission_classes = []

    @extend_schema(parameters=[SearchParamsSerializer], responses=SearchResponseSerializer, tags=["search"])
    def get(self, request):
        params = SearchParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        filters = {kind: data.get(kind, "") for kind in FACET_KINDS}
        results = service.search(data["q"], data["locale"], data.get("type"), filters, data["page"])
        if results is None:  # a query of only whitespace or control characters
            raise serializers.ValidationError({"q": ["This field may not be blank."]})
        return Response(
            {
                "query": clean_query(data["q"]),
                "corrected": results.corrected,
                "backend": results.backend,
                "total": results.total,
                "page": results.page,
                "num_pages": results.num_pages,
                "type_counts": results.type_counts,
                "facets": {
                    kind: [{"value": v, "count": c} for v, c in results.facets.get(kind, [])]
                    for kind in FACET_KINDS
                },
                "promoted": [_hit(h) for h in results.promoted],
                "results": [_hit(h) for h in results.hits],
            }
        )


class SuggestAPIView(APIView):
    """Title completions for the header search box (at most 8)."""

    permission_classes = []

    @extend_schema(parameters=[SuggestParamsSerializer], responses=SuggestResponseSerializer, tags=["search"])
    def get(self, request):
        params = SuggestParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        suggestions = service.suggest(data["q"], data["locale"])
        return Response(
            {
                "query": data["q"],
                "suggestions": [{"title": s.title, "url": s.url, "type": s.type} for s in suggestions],
            }
        )
