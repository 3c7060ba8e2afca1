"""``/api/v1/support/fault-reports``: submit a report (same rules as the form) and follow it by token."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.queries import live_trainer
from core import languages
from core.api import RATE_LIMITED_RESPONSE, RETRY_AFTER_HEADER, JSONParser, error_body
from core.params import MAX_ID, parse_printable
from support.helpdesk import validators
from support.helpdesk.models.reports import Status
from support.helpdesk.services import (
    KeyReused,
    Submission,
    check_rate_limits,
    find_report,
    fingerprint,
    submit_once,
    submit_report,
    tracking_url,
)

IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_KEY_PARAMETER = OpenApiParameter(
    IDEMPOTENCY_HEADER,
    str,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "1 to 255 printable ASCII characters the client picks per report (a UUID, say). A retry with the "
        "same key and body within SUPPORT_SUBMISSION_KEY_HOURS (24 h) gets the first answer again "
        "(201, same reference, header Idempotent-Replayed: true) and stores and sends nothing; the same "
        "key with another body is a 422."
    ),
    pattern=r"^[!-~]([ -~]{0,253}[!-~])?$",
)


def _django_to_drf(fn, value, *args):
    """Run one of :mod:`support.helpdesk.validators` with DRF's error type."""
    try:
        return fn(value, *args)
    except forms.ValidationError as exc:
        raise serializers.ValidationError(exc.messages) from None


class FaultReportCreateSerializer(serializers.Serializer):
    full_name = serializers.CharField(
        max_length=validators.FULL_NAME_MAX_LENGTH, label=gettext_lazy("Full name")
    )
    uin = serializers.CharField(max_length=32, help_text="User identifier (UIN), SUPPORT_UIN_PATTERN")
    phone = serializers.CharField(
        max_length=32, help_text="Contact phone; normalised to E.164 (default region PHONE_DEFAULT_REGION)"
    )
    email = serializers.EmailField(required=False, allow_blank=True, max_length=254)
    trainer = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text="Page id of a live trainer (catalogue)",
    )
    description = serializers.CharField(
        min_length=validators.DESCRIPTION_MIN_LENGTH, max_length=validators.DESCRIPTION_MAX_LENGTH
    )
    environment = serializers.DictField(
        required=False, help_text="Browser details: os, browser, webgl, webgl2, screen, language, user_agent"
    )
    trainer_version = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=64,
        help_text="Installed trainer version (semantic, e.g. 1.4.0)",
    )
    platform = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=32,
        help_text="Build platform code, e.g. windows, android_headset",
    )
    device_model = serializers.CharField(
        required=False, allow_blank=True, max_length=validators.INSTALLATION_MAX_LENGTHS["device_model"]
    )
    firmware = serializers.CharField(
        required=False, allow_blank=True, max_length=validators.INSTALLATION_MAX_LENGTHS["firmware"]
    )
    mode = serializers.ChoiceField(choices=validators.MODES, required=False, allow_blank=True)
    consent = serializers.BooleanField(help_text="Consent to personal-data processing (152-FZ); must be true")
    language = serializers.ChoiceField(choices=languages.codes(), required=False)

    def validate_full_name(self, value):
        return _django_to_drf(validators.clean_full_name, value)

    def validate_uin(self, value):
        return _django_to_drf(validators.clean_uin, value)

    def validate_phone(self, value):
        return _django_to_drf(validators.clean_phone, value)

    def validate_description(self, value):
        return _django_to_drf(validators.clean_description, value)

    def validate_trainer_version(self, value):
        return _django_to_drf(validators.clean_trainer_version, value)

    def validate_platform(self, value):
        return _django_to_drf(validators.clean_platform, value)

    def validate_device_model(self, value):
        return _django_to_drf(validators.clean_installation_text, value, "device_model")

    def validate_firmware(self, value):
        return _django_to_drf(validators.clean_installation_text, value, "firmware")

    def validate_environment(self, value):
        return validators.clean_environment(value)

    def validate_consent(self, value):
        if value is not True:
            raise serializers.ValidationError(_("Consent to personal-data processing is required."))
        return value

    def validate_trainer(self, value):
        if value is None:
            return None
        trainer = live_trainer(value)
        if trainer is None:
            raise serializers.ValidationError(_("Unknown trainer."))
        return trainer


class TimelineItemSerializer(serializers.Serializer):
    at = serializers.DateTimeField(source="created_at")
    kind = serializers.CharField()
    status = serializers.CharField(source="to_status")
    message = serializers.CharField()


class FaultReportStatusSerializer(serializers.Serializer):
    reference = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    status_label = serializers.CharField(source="get_status_display")
    created_at = serializers.DateTimeField()
    timeline = TimelineItemSerializer(many=True)


CREATED_SCHEMA = inline_serializer(
    "FaultReportCreated",
    {
        "reference": serializers.CharField(),
        "status": serializers.CharField(),
        "tracking_url": serializers.URLField(),
    },
)


KEY_REUSED_RESPONSE = OpenApiResponse(
    description="The Idempotency-Key was already used with a different body."
)


def _created(report, token, replayed=False):
    response = Response(
        {"reference": report.reference, "status": report.status, "tracking_url": tracking_url(report, token)},
        status=status.HTTP_201_CREATED,
    )
    if replayed:
        response["Idempotent-Replayed"] = "true"
    return response


class FaultReportCreateView(APIView):
    """Submit a fault report (no attachments through the API)."""

    authentication_classes = []
    permission_classes = [AllowAny]
    # JSON only: with no session there is no CSRF check, and a JSON body cannot come from another
    # site's plain HTML form (the site-wide default also accepts form data, for wagtail-localize).
    parser_classes = [JSONParser]

    @extend_schema(
        request=FaultReportCreateSerializer,
        parameters=[IDEMPOTENCY_KEY_PARAMETER, RETRY_AFTER_HEADER],
        responses={201: CREATED_SCHEMA, 422: KEY_REUSED_RESPONSE, 429: RATE_LIMITED_RESPONSE},
        summary="Submit a fault report",
        tags=["support"],
    )
    def post(self, request):
        data = request.data if isinstance(request.data, dict) else {}
        submission = None
        raw_key = request.headers.get(IDEMPOTENCY_HEADER)
        if raw_key is not None:
            key = parse_printable(raw_key)
            if key is None:
                message = _("The Idempotency-Key header must be 1 to 255 printable ASCII characters.")
                return Response(
                    error_body(400, message, {IDEMPOTENCY_HEADER: [message]}),
                    status=status.HTTP_400_BAD_REQUEST,
                )
            submission = Submission("api", key, fingerprint(request.data))
            try:
                previous = submission.previous()
            except KeyReused:
                return self._key_reused()
            if previous is not None:
                # A retry of a stored submission: no rate-limit count, no second row, no second SMS.
                return _created(*previous, replayed=True)
        phone = data.get("phone")
        # Counted before validation: rejected requests spend the allowance too.
        check_rate_limits(request, phone if isinstance(phone, str) else "")
        serializer = FaultReportCreateSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        fields = {
            "full_name": values["full_name"],
            "uin": values["uin"],
            "phone": values["phone"],
            "email": values.get("email", ""),
            "trainer": values.get("trainer"),
            "description": values["description"],
            "environment": values.get("environment") or {},
            "installation": {name: values.get(name, "") for name in validators.INSTALLATION_FIELDS},
            "language": values.get("language") or languages.current(),
        }
        if submission is None:
            return _created(*submit_report(**fields))
        try:
            return _created(*submit_once(submission, **fields))
        except KeyReused:
            # A concurrent request with the same key but another body won the race.
            return self._key_reused()

    def _key_reused(self):
        message = _("This Idempotency-Key was already used with a different request. Use a new key.")
        return Response(
            error_body(422, message, {IDEMPOTENCY_HEADER: [message]}),
            status=status.HTTP_422_UNPROCESSABLE_ENTITY,
        )


class FaultReportStatusView(APIView):
    """Status and public timeline of a report; a wrong token answers 404 like an unknown reference."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[OpenApiParameter("token", str, required=True, description="The secret tracking token")],
        responses={200: FaultReportStatusSerializer},
        summary="Follow a fault report",
        tags=["support"],
    )
    def get(self, request, reference):
        report = find_report(reference, request.query_params.get("token"))
        if report is None:
            raise NotFound()
        report.timeline = list(report.events.filter(public=True).order_by("created_at", "pk"))
        return Response(FaultReportStatusSerializer(report).data)
