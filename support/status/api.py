"""``GET /api/v1/maintenance`` and ``/api/v1/status/...``: maintenance windows, component states and
incidents as JSON."""

from django.db.models import Case, When
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.models import SimulatorPage
from core import languages
from core.api import LocaleFromParameter, PageNumberPagination, requested_choice, requested_language
from core.params import parse_id
from support.status import board, incident_queries, queries
from support.status.choices import IncidentImpact, IncidentStatus, NoticeState
from support.status.models import Incident


class MaintenanceUpdateSerializer(serializers.Serializer):
    posted_at = serializers.DateTimeField()
    kind = serializers.CharField()
    message = serializers.CharField()


class TrainerRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    slug = serializers.CharField()


class MaintenanceWindowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    uid = serializers.UUIDField(source="translation_key")
    title = serializers.CharField()
    language = serializers.CharField(source="locale.language_code")
    url = serializers.CharField()
    kind = serializers.CharField()
    impact = serializers.CharField()
    state = serializers.SerializerMethodField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    completed_at = serializers.DateTimeField(allow_null=True)
    cancelled = serializers.BooleanField()
    whole_platform = serializers.BooleanField()
    components = serializers.ListField(child=serializers.CharField())
    trainers = TrainerRefSerializer(many=True)
    updates = MaintenanceUpdateSerializer(many=True)

    def get_state(self, obj) -> str:
        return obj.state()


WHEN_CHOICES = ["upcoming", "active", "past"]


@extend_schema(
    parameters=[
        OpenApiParameter("when", OpenApiTypes.STR, enum=WHEN_CHOICES, description="Filter by time."),
        OpenApiParameter("trainer", OpenApiTypes.INT, description="Trainer page id (any language)."),
        OpenApiParameter(
            "locale", OpenApiTypes.STR, enum=list(languages.codes()), description="Language of titles."
        ),
    ],
    responses={
        200: MaintenanceWindowSerializer(many=True),
        404: OpenApiResponse(description="No trainer has that id, or a page past the last."),
    },
)
class MaintenanceListView(LocaleFromParameter, ListAPIView):
    """Maintenance windows (non-cancelled and cancelled), newest start first."""

    serializer_class = MaintenanceWindowSerializer
    authentication_classes = []
    permission_classes = []
    pagination_class = PageNumberPagination

    def get_queryset(self):
        params = self.request.query_params
        when = requested_choice(params, "when", WHEN_CHOICES)
        language = requested_language(params, languages.default())
        qs = queries.all_live().prefetch_related("trainers", "updates").select_related("locale")
        trainer = params.get("trainer")
        if trainer:
            trainer_id = parse_id(trainer)
            if trainer_id is None:
                raise ValidationError({"trainer": [_("A trainer id (a whole number from 1).")]})
            page = SimulatorPage.objects.filter(pk=trainer_id).first()
            if page is None:
                raise NotFound(_("No trainer has that id."))
            qs = qs.filter(whole_platform=True) | qs.filter(trainers__translation_key=page.translation_key)
        notices = queries.one_per_notice(qs.distinct().order_by("-starts_at", "pk"), language)
        now = timezone.now()
        wanted = {
            "upcoming": {NoticeState.UPCOMING},
            "active": {NoticeState.IN_PROGRESS},
            "past": {NoticeState.COMPLETED},
        }.get(when)
        if wanted:
            notices = [n for n in notices if n.state(now) in wanted]
        return notices


class UptimeDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    uptime = serializers.FloatField(allow_null=True, help_text="Percentage of counted probes up; null: none.")
    samples = serializers.IntegerField()
    down = serializers.IntegerField()
    maintenance = serializers.IntegerField(help_text="Failures inside declared maintenance: not downtime.")


class ComponentStateSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    state = serializers.CharField()
    uptime = serializers.FloatField(allow_null=True, help_text="Over the days listed.")
    days = UptimeDaySerializer(many=True)


@extend_schema(
    parameters=[
        OpenApiParameter(
            "locale", OpenApiTypes.STR, enum=list(languages.codes()), description="Language of labels."
        ),
    ],
    responses={200: ComponentStateSerializer(many=True)},
)
class ComponentStatusView(LocaleFromParameter, APIView):
    """The monitored components: live state from the latest probes and uptime by day over 90 days."""

    authentication_classes = []
    permission_classes = []

    def get(self, request):
        requested_language(request.query_params, languages.default())
        now = timezone.now()
        current = queries.windows_affecting(at=now)
        rows = board.monitored_rows(current, now)
        return Response(ComponentStateSerializer(rows, many=True).data)


class IncidentUpdateSerializer(serializers.Serializer):
    posted_at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=IncidentStatus.choices)
    status_label = serializers.CharField()
    message = serializers.CharField()


class IncidentComponentSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class IncidentTrainerSerializer(serializers.Serializer):
    key = serializers.UUIDField(help_text="The trainer's translation key: the same in every language.")
    title = serializers.CharField()
    url = serializers.CharField(help_text="Empty when the trainer has no live page in this language.")


class IncidentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(help_text="The public incident page in the requested language.")
    impact = serializers.ChoiceField(choices=IncidentImpact.choices)
    impact_label = serializers.CharField()
    status = serializers.ChoiceField(choices=IncidentStatus.choices)
    status_label = serializers.CharField()
    started_at = serializers.DateTimeField()
    resolved_at = serializers.DateTimeField(allow_null=True)
    opened_by_monitor = serializers.BooleanField()
    every_trainer = serializers.BooleanField(help_text="A user-facing component is affected: every trainer.")
    components = IncidentComponentSerializer(many=True)
    trainers = IncidentTrainerSerializer(many=True)
    updates = IncidentUpdateSerializer(many=True, help_text="The public timeline, newest first.")


INCIDENT_STATES = ["open", "resolved"]
LOCALE_PARAMETER = OpenApiParameter(
    "locale", OpenApiTypes.STR, enum=list(languages.codes()), description="Language of titles and texts."
)


@extend_schema(
    parameters=[
        OpenApiParameter(
            "state", OpenApiTypes.STR, enum=INCIDENT_STATES, description="Open or resolved only."
        ),
        LOCALE_PARAMETER,
    ],
    responses={
        200: IncidentSerializer(many=True),
        404: OpenApiResponse(description="A page past the last."),
    },
)
class IncidentListView(LocaleFromParameter, GenericAPIView):
    """Incidents, the open ones first, then newest start first, with their public timelines."""

    serializer_class = IncidentSerializer
    authentication_classes = []
    permission_classes = []
    pagination_class = PageNumberPagination

    def get(self, request):
        params = request.query_params
        language = requested_language(params, languages.default())
        state = requested_choice(params, "state", INCIDENT_STATES)
        qs = Incident.objects.all()
        if state == "open":
            qs = qs.unresolved()
        elif state == "resolved":
            qs = qs.resolved()
        resolved_last = Case(When(status=IncidentStatus.RESOLVED, then=1), default=0)
        page = self.paginate_queryset(
            incident_queries.with_relations(qs.order_by(resolved_last, "-started_at", "-pk"))
        )
        cards = incident_queries.cards(page, language)
        return self.get_paginated_response(IncidentSerializer(cards, many=True).data)


@extend_schema(
    parameters=[LOCALE_PARAMETER],
    responses={200: IncidentSerializer, 404: OpenApiResponse(description="No incident has that id.")},
)
class IncidentDetailView(LocaleFromParameter, APIView):
    """One incident with its public timeline."""

    authentication_classes = []
    permission_classes = []

    def get(self, request, pk):
        language = requested_language(request.query_params, languages.default())
        card = incident_queries.detail(pk, language)
        if card is None:
            raise NotFound(_("No incident has that id."))
        return Response(IncidentSerializer(card).data)
