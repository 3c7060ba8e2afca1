"""``GET /api/v1/catalogue/simulators``: the catalogue listing as JSON (same filters, sorting,
pagination and facet counts as the HTML listing)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.views import APIView
from wagtail.models import Locale

from catalogue.cards import CARD_RENDITION
from catalogue.listing import MAX_PER_PAGE, MULTI_FACETS, SORTS, InvalidQuery, build_listing
from catalogue.models import SimulatorPage
from core import languages
from core.api import LocaleFromParameter, PageNumberPagination, paginated_serializer, requested_language


class TermSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField(required=False, help_text="Platform kind: vr, desktop, web or mobile.")


class TrainerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    slug = serializers.CharField()
    url = serializers.CharField()
    summary = serializers.CharField()
    duration_minutes = serializers.IntegerField()
    difficulty = serializers.CharField()
    first_published_at = serializers.DateTimeField(allow_null=True)
    hero_image = serializers.CharField(allow_null=True, help_text=f"URL of the {CARD_RENDITION} rendition.")
    industries = TermSerializer(many=True)
    professions = TermSerializer(many=True)
    platforms = TermSerializer(many=True)
    languages = TermSerializer(many=True)


class FacetOptionSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField(help_text="Trainers matching the other active filters and this value.")
    selected = serializers.BooleanField()


class ListingPagination(PageNumberPagination):
    page_size = 12
    max_page_size = MAX_PER_PAGE


ListingSerializer = paginated_serializer(
    "SimulatorListing",
    TrainerSerializer(many=True),
    locale=serializers.CharField(),
    facets=serializers.DictField(child=FacetOptionSerializer(many=True)),
)

FACET_HELP = "Slug of a term; repeat the parameter for alternatives (OR). Different facets combine (AND)."
PARAMETERS = [
    OpenApiParameter(
        "locale", OpenApiTypes.STR, enum=list(languages.codes()), description="Language (default ru)."
    ),
    *[
        OpenApiParameter(facet, OpenApiTypes.STR, many=True, explode=True, description=FACET_HELP)
        for facet in MULTI_FACETS
    ],
    OpenApiParameter("duration_min", OpenApiTypes.INT, description="Minimum duration, minutes (0-1440)."),
    OpenApiParameter("duration_max", OpenApiTypes.INT, description="Maximum duration, minutes (0-1440)."),
    OpenApiParameter("sort", OpenApiTypes.STR, enum=list(SORTS), description="Order (default title)."),
    OpenApiParameter("page", OpenApiTypes.INT, description="Page number from 1."),
    OpenApiParameter("page_size", OpenApiTypes.INT, description=f"Page size, 1-{MAX_PER_PAGE} (default 12)."),
]


def _trainer(page):
    taxonomy = page.taxonomy
    image = page.card_image.url if page.card_image else None
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "url": page.card_url,
        "summary": page.summary,
        "duration_minutes": page.duration_minutes,
        "difficulty": page.difficulty,
        "first_published_at": page.first_published_at,
        "hero_image": image,
        "industries": [term.as_dict() for term in taxonomy["industry"]],
        "professions": [term.as_dict() for term in taxonomy["profession"]],
        "platforms": [term.as_dict() for term in taxonomy["platform"]],
        "languages": [term.as_dict() for term in taxonomy["language"]],
    }


class SimulatorListView(LocaleFromParameter, APIView):
    """Live trainers of one language with filters, facet counts, sorting and pagination."""

    permission_classes = []
    authentication_classes = []

    @extend_schema(
        operation_id="catalogue_simulators_list",
        summary="List trainers",
        parameters=PARAMETERS,
        responses={200: ListingSerializer, 404: OpenApiResponse(description="A page past the last.")},
        tags=["catalogue"],
    )
    def get(self, request):
        code = requested_language(request.query_params, languages.default())
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            raise ValidationError({"locale": [str(_("This language is not configured."))]})
        pagination = ListingPagination()
        # The listing reads its own page and page size; they reach it parsed by the pagination.
        params = request.query_params.copy()
        params["page"] = str(pagination.get_page_number(request))
        params["per_page"] = str(pagination.get_page_size(request))
        params.pop("page_size", None)
        try:
            listing = build_listing(
                params,
                trainer_model=SimulatorPage,
                locale_id=locale.pk,
                strict=True,
                request=request,
            )
        except InvalidQuery as error:
            if "page" in error.fields:  # a well-formed page number past the last
                raise NotFound(error.fields["page"]) from None
            raise ValidationError({name: [message] for name, message in error.fields.items()}) from None
        return pagination.respond(
            request,
            listing.page,
            [_trainer(page) for page in listing.results],
            locale=code,
            facets={
                facet["name"]: [
                    {key: option[key] for key in ("slug", "name", "count", "selected")}
                    for option in facet["options"]
                ]
                for facet in listing.facets
            },
        )
