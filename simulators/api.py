"""``/api/v1/`` endpoints: the staff multipart upload API and the public release notes API."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.models import SimulatorPage
from core import languages
from core.api import LocaleFromParameter, PageNumberPagination, PrimaryKeyRelatedField, requested_language
from core.params import MAX_ID

from . import services
from .models import BuildKind, BuildStatus, InvalidTransition, Platform, ReleaseNotePage, SimulatorBuild
from .models.builds import PUBLISH_PERMISSION
from .permissions import ADD_PERMISSION, VIEW_PERMISSION, HasBuildPermission, may_abort
from .release_notes import notes_queryset
from .storage import StorageUnavailable, UploadNotFound, get_store, part_size_for


class StorageUnavailableError(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "storage_unavailable"


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _storage_call(func, *args, **kwargs):
    try:
        return func(*args, **kwargs)
    except StorageUnavailable as exc:
        raise StorageUnavailableError(str(exc)) from exc
    except UploadNotFound as exc:
        raise Conflict(_("The upload no longer exists in the storage; start it again.")) from exc
    except services.BuildError as exc:
        if exc.field:
            raise ValidationError({exc.field: [str(exc)]}) from exc
        raise Conflict(str(exc)) from exc


# Uploads ----------------------------------------------------------------------------------------


class BuildSerializer(serializers.ModelSerializer):
    trainer_title = serializers.CharField(source="trainer.title", read_only=True)

    class Meta:
        model = SimulatorBuild
        fields = [
            "id",
            "trainer",
            "trainer_title",
            "version",
            "platform",
            "kind",
            "status",
            "status_message",
            "original_filename",
            "size",
            "sha256",
            "is_public_demo",
            "verified_at",
        ]


class UploadStartSerializer(serializers.Serializer):
    trainer = PrimaryKeyRelatedField(queryset=SimulatorPage.objects.all())
    version = serializers.CharField(max_length=64)
    platform = serializers.ChoiceField(choices=Platform.choices)
    kind = serializers.ChoiceField(choices=BuildKind.choices)
    filename = serializers.CharField(max_length=255)
    size = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    sha256 = serializers.RegexField(
        r"^[0-9a-f]{64}$",
        required=False,
        help_text="SHA-256 of the whole file, lowercase hex (or send it when completing)",
    )
    is_public_demo = serializers.BooleanField(default=False)


class UploadStartedSerializer(serializers.Serializer):
    build = BuildSerializer()
    part_size = serializers.IntegerField()
    part_count = serializers.IntegerField()


class PartSerializer(serializers.Serializer):
    part_number = serializers.IntegerField(min_value=1, max_value=10_000)
    etag = serializers.CharField(max_length=200)
    size = serializers.IntegerField(read_only=True)


class SignPartsSerializer(serializers.Serializer):
    part_numbers = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=10_000), min_length=1, max_length=100
    )


class CompleteSerializer(serializers.Serializer):
    parts = PartSerializer(many=True, required=False)
    sha256 = serializers.RegexField(
        r"^[0-9a-f]{64}$", required=False, help_text="SHA-256 the browser computed while sending the parts"
    )


class BuildAPIView(APIView):
    """A build endpoint open to holders of ``required_permission`` only."""

    permission_classes = [HasBuildPermission]
    required_permission = ADD_PERMISSION

    def get_build(self, pk):
        return get_object_or_404(SimulatorBuild.objects.select_related("trainer"), pk=pk)

    def get_upload(self, pk):
        build = self.get_build(pk)
        if build.status != BuildStatus.UPLOADING or not build.upload_id:
            raise Conflict(_("This build is not being uploaded."))
        return build


class UploadStartView(BuildAPIView):
    """Create a build in ``uploading`` and open a multipart upload in the private bucket."""

    @extend_schema(request=UploadStartSerializer, responses={201: UploadStartedSerializer}, tags=["builds"])
    def post(self, request):
        serializer = UploadStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if not get_store().supports_direct_upload:
            raise StorageUnavailableError(
                _("Direct uploads need S3 storage, which is not configured on this server.")
            )
        build = _storage_call(
            services.new_build,
            trainer=data["trainer"],
            version=data["version"],
            platform=data["platform"],
            kind=data["kind"],
            filename=data["filename"],
            size=data["size"],
            sha256=data.get("sha256", ""),
            user=request.user,
            is_public_demo=data["is_public_demo"],
        )
        _storage_call(services.start_upload, build)
        part_size = part_size_for(build.size)
        body = {
            "build": BuildSerializer(build).data,
            "part_size": part_size,
            "part_count": -(-build.size // part_size),
        }
        return Response(body, status=status.HTTP_201_CREATED)


class UploadPartsView(BuildAPIView):
    """List the parts S3 already has (to resume) or presign PUT URLs for parts."""

    @extend_schema(responses=PartSerializer(many=True), tags=["builds"])
    def get(self, request, pk):
        build = self.get_upload(pk)
        return Response(_storage_call(get_store().list_parts, build.object_key, build.upload_id))

    @extend_schema(
        request=SignPartsSerializer,
        responses=inline_serializer(
            "SignedParts", {"urls": serializers.DictField(child=serializers.URLField())}
        ),
        tags=["builds"],
    )
    def post(self, request, pk):
        build = self.get_upload(pk)
        serializer = SignPartsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        part_count = -(-build.size // part_size_for(build.size))
        numbers = serializer.validated_data["part_numbers"]
        if max(numbers) > part_count:
            raise ValidationError(
                {"part_numbers": [_("This file has only %(n)s parts.") % {"n": part_count}]}
            )
        store = get_store()
        urls = {n: _storage_call(store.sign_part, build.object_key, build.upload_id, n) for n in numbers}
        return Response({"urls": urls})


class UploadCompleteView(BuildAPIView):
    """Assemble the parts; the server then verifies size and SHA-256 in the background."""

    @extend_schema(request=CompleteSerializer, responses={202: BuildSerializer}, tags=["builds"])
    def post(self, request, pk):
        build = self.get_upload(pk)
        serializer = CompleteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        _storage_call(services.complete_upload, build, data.get("parts") or [], data.get("sha256", ""))
        build.refresh_from_db()
        return Response(BuildSerializer(build).data, status=status.HTTP_202_ACCEPTED)


class UploadAbortView(BuildAPIView):
    """Abort an unfinished upload and delete its build record."""

    @extend_schema(request=None, responses={204: None}, tags=["builds"])
    def delete(self, request, pk):
        build = self.get_build(pk)
        if not may_abort(request.user, build):
            raise PermissionDenied(_("Only the person who started this upload can abort it."))
        _storage_call(services.abort_upload, build)
        return Response(status=status.HTTP_204_NO_CONTENT)


class BuildDetailView(BuildAPIView):
    """A build's status (the upload page polls it while the server verifies the file)."""

    required_permission = VIEW_PERMISSION

    @extend_schema(responses=BuildSerializer, tags=["builds"])
    def get(self, request, pk):
        return Response(BuildSerializer(self.get_build(pk)).data)


class BuildPublishView(BuildAPIView):
    """Publish a verified draft, superseding the current build of the trainer and platform."""

    required_permission = PUBLISH_PERMISSION

    @extend_schema(request=None, responses=BuildSerializer, tags=["builds"])
    def post(self, request, pk):
        build = self.get_build(pk)
        try:
            build.publish()
        except InvalidTransition as exc:
            raise Conflict(" ".join(exc.messages)) from exc
        return Response(BuildSerializer(build).data)


# Release notes ----------------------------------------------------------------------------------


class ChangeSerializer(serializers.Serializer):
    kind = serializers.CharField()
    text = serializers.CharField(help_text="HTML")


class ReleaseNoteSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    locale = serializers.CharField(source="locale.language_code")
    trainers = serializers.SerializerMethodField()
    changes = serializers.SerializerMethodField()

    class Meta:
        model = ReleaseNotePage
        fields = [
            "id",
            "title",
            "version",
            "release_date",
            "scope",
            "summary",
            "locale",
            "url",
            "trainers",
            "changes",
        ]

    def get_url(self, page) -> str:
        return page.get_full_url(self.context.get("request"))

    def get_trainers(self, page) -> list[str]:
        return [trainer.slug for trainer in page.trainers.all()]

    def get_changes(self, page) -> list[dict]:
        return [{"kind": block.value["kind"], "text": str(block.value["text"])} for block in page.changes]


class ReleaseNoteListView(LocaleFromParameter, generics.ListAPIView):
    """Published release notes, newest first."""

    serializer_class = ReleaseNoteSerializer
    pagination_class = PageNumberPagination
    permission_classes = []

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "locale", OpenApiTypes.STR, enum=list(languages.codes()), description="language (default ru)"
            ),
            OpenApiParameter("trainer", OpenApiTypes.STR, description="trainer slug or page id"),
        ],
        responses={
            200: ReleaseNoteSerializer(many=True),
            404: OpenApiResponse(description="A page past the last."),
        },
        tags=["release notes"],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        locale = requested_language(self.request.query_params, languages.default())
        try:
            return notes_queryset(locale, self.request.query_params.get("trainer"))
        except LookupError as exc:
            raise ValidationError({"trainer": [str(exc)]}) from exc
