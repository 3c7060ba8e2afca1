"""The update manifest installed trainers poll: ``GET /api/v1/updates/<trainer>/<platform>``.

The answer is a signed manifest (``signing``) of what the device's channel offers it. The warm path
reads no database: the trainer, the device key's customer and the channels' state are cached through
``core.cache``, a manifest is signed once per period (``UPDATES_MANIFEST_SECONDS`` / 2) and the
inventory record goes to a buffer (``fleet``).
"""

import base64
from datetime import UTC, datetime
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.models import SimulatorPage
from core import languages, ratelimit
from core.api import (
    RATE_LIMITED_RESPONSE,
    RETRY_AFTER_HEADER,
    error_json,
    requested_choice,
    requested_language,
)
from core.cache import BASE, SITE, cached, generations, request_scope
from core.params import parse_id, parse_printable, parse_slug
from core.versions import version_key
from customers.choices import Channel
from customers.models import DeviceKey, Licence

from . import fleet, signing
from .channels import SCOPE, offered, state
from .models import Mode, Platform, validate_semver
from .storage import StorageUnavailable, get_store

DEVICE_FIELD_LENGTH = 64


class Unauthorized(Exception):
    """No device key, or one that is unknown or revoked."""


def _trainer_key(reference):
    """The translation key of the live trainer a URL names by page id (any language) or slug."""
    pk = parse_id(reference)
    slug = None if pk else parse_slug(reference)
    if pk is None and slug is None:
        return None

    def compute():
        pages = SimulatorPage.objects.live()
        pages = pages.filter(pk=pk) if pk else pages.filter(slug=slug)
        key = pages.values_list("translation_key", flat=True).first()
        # "" remembers "no such trainer" (the cache keeps no None).
        return str(key) if key else ""

    return cached(f"updates:trainer:{reference}", compute, scopes=[SCOPE]) or None


def _profile(raw_key):
    """{"customer", "channel", "licences": {trainer key: channel}} of a device key, or None; remembered
    ``UPDATES_KEY_CACHE_SECONDS`` (a revoked key is refused at most that much later)."""
    if not raw_key or not raw_key.startswith(DeviceKey.PREFIX):
        return None

    def compute():
        customer = DeviceKey.customer_for(raw_key)
        if customer is None:
            return {"customer": None}
        today = timezone.localdate()
        licences = Licence.objects.filter(customer=customer, valid_from__lte=today, valid_to__gte=today)
        return {
            "customer": customer.pk,
            "channel": customer.channel,
            "licences": {
                str(licence.trainer.translation_key): licence.channel or customer.channel
                for licence in licences.select_related("trainer")
            },
        }

    profile = cached(
        f"updates:device-key:{DeviceKey.hash(raw_key)}", compute, timeout=settings.UPDATES_KEY_CACHE_SECONDS
    )
    return profile if profile["customer"] else None


def _bearer(request):
    scheme, _sep, raw = request.headers.get("Authorization", "").partition(" ")
    return raw.strip() if scheme.lower() == "bearer" else ""


def _device_field(request, name, header):
    raw = request.GET.get(name) or request.headers.get(header) or ""
    if not raw:
        return ""
    value = parse_printable(raw, max_length=DEVICE_FIELD_LENGTH)
    if value is None:
        raise ValidationError(
            {name: [_("Up to %(max)s printable ASCII characters.") % {"max": DEVICE_FIELD_LENGTH}]}
        )
    return value


def _parameters(request):
    query = request.GET
    device = parse_printable(query.get("device"), max_length=DEVICE_FIELD_LENGTH)
    if device is None:
        raise ValidationError(
            {
                "device": [
                    _("The device id: 1 to %(max)s printable ASCII characters.")
                    % {"max": DEVICE_FIELD_LENGTH}
                ]
            }
        )
    version = (query.get("version") or "").strip()
    if version:
        try:
            validate_semver(version)
        except DjangoValidationError as error:
            raise ValidationError({"version": error.messages}) from None
    channel = requested_choice(query, "channel", Channel.values)
    mode = requested_choice(query, "mode", Mode.values, default=Mode.ONLINE)
    return {
        "device": device,
        "version": version,
        "channel": channel,
        "mode": mode,
        "model": _device_field(request, "model", "X-Device-Model"),
        "firmware": _device_field(request, "firmware", "X-Device-Firmware"),
    }


def _period(now):
    """(issued_at, expires_at) of the manifests of this period: one is reissued every half of its
    lifetime, so it has at least half of it left when handed out."""
    lifetime = settings.UPDATES_MANIFEST_SECONDS
    half = max(1, lifetime // 2)
    issued = int(now) - int(now) % half
    return issued, issued + lifetime


@lru_cache(maxsize=1024)
def _download_url(store, object_key, filename, issued):
    """A presigned URL of the build, signed once per period per process and valid past the manifest."""
    return store.download_url(object_key, filename, expires=2 * settings.UPDATES_MANIFEST_SECONDS)


def _iso(timestamp):
    return datetime.fromtimestamp(timestamp, UTC).isoformat().replace("+00:00", "Z")


def manifest(*, trainer_key, platform, params, channel, channel_state, withdrawn, language, now):
    """The manifest (a dict) the device gets."""
    issued, expires = _period(now)
    build = offered(channel_state, trainer_key, params["device"]) if channel_state else None
    installed = params["version"]
    if build is None or build["version"] == installed:
        status = "up_to_date"
    elif installed and version_key(build["version"]) < version_key(installed):
        # The channel went back (a withdrawal or a rollback): the device follows it.
        status = "downgrade"
    else:
        status = "update"
    payload = {
        "trainer": trainer_key,
        "platform": platform,
        "device": params["device"],
        "channel": channel,
        "installed": installed,
        "status": status,
        "issued_at": _iso(issued),
        "expires_at": _iso(expires),
        "build": None,
    }
    if status != "up_to_date":
        notes = build["notes"]
        payload["build"] = {
            "version": build["version"],
            "size": build["size"],
            "sha256": build["sha256"],
            "url": _download_url(get_store(), build["object_key"], build["filename"], issued),
            "critical": build["critical"],
            "mandatory": build["critical"] or installed in withdrawn,
            "notes": notes.get(language) or notes.get(languages.default()) or "",
            "notes_language": language if language in notes else languages.default(),
        }
    return payload


MANIFEST_SCHEMA = inline_serializer(
    "SignedManifest",
    {
        "manifest": serializers.CharField(
            help_text="The manifest as canonical JSON text (sorted keys, no blanks, UTF-8); verify the "
            "signature over these bytes before parsing. Fields: trainer, platform, device, channel, "
            "installed, status (up_to_date, update, downgrade), issued_at, expires_at and build "
            "(version, size, sha256, url, critical, mandatory, notes, notes_language) or null."
        ),
        "signature": serializers.CharField(help_text="Ed25519 signature of the manifest, base64"),
        "key_id": serializers.CharField(help_text="The signing key (see /api/v1/updates/public-key)"),
    },
)


class UpdateManifestView(APIView):
    """What an installed trainer should install, signed."""

    authentication_classes = []
    permission_classes = []

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "trainer", OpenApiTypes.STR, OpenApiParameter.PATH, description="page id or slug"
            ),
            OpenApiParameter("platform", OpenApiTypes.STR, OpenApiParameter.PATH, enum=Platform.values),
            OpenApiParameter("device", OpenApiTypes.STR, required=True, description="the installation's id"),
            OpenApiParameter(
                "version", OpenApiTypes.STR, description="installed version (semver); empty: none"
            ),
            OpenApiParameter(
                "channel",
                OpenApiTypes.STR,
                enum=Channel.values,
                description="default: the licence's channel, else the customer's",
            ),
            OpenApiParameter("mode", OpenApiTypes.STR, enum=Mode.values, description="default online"),
            OpenApiParameter("model", OpenApiTypes.STR, description="device model (or X-Device-Model)"),
            OpenApiParameter("firmware", OpenApiTypes.STR, description="firmware (or X-Device-Firmware)"),
            OpenApiParameter(
                "locale", OpenApiTypes.STR, enum=list(languages.codes()), description="release-note language"
            ),
            OpenApiParameter(
                "Authorization",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                required=True,
                description="Bearer <device key>",
            ),
            RETRY_AFTER_HEADER,
        ],
        responses={
            200: MANIFEST_SCHEMA,
            401: OpenApiResponse(description="No device key, or an unknown or revoked one."),
            403: OpenApiResponse(description="The customer holds no current licence of this trainer."),
            429: RATE_LIMITED_RESPONSE,
            503: OpenApiResponse(description="The build storage cannot sign a download now."),
        },
        tags=["updates"],
    )
    def get(self, request, trainer, platform):
        with request_scope():
            # Every generation the answer's cached entries live in, read in one round trip.
            generations([SITE, BASE, SCOPE])
            return self._answer(request, trainer, platform)

    def _answer(self, request, trainer, platform):
        raw_key = _bearer(request)
        profile = _profile(raw_key)
        if profile is None:
            response = error_json(401, _("A valid device key is required (Authorization: Bearer <key>)."))
            response["WWW-Authenticate"] = 'Bearer realm="updates"'
            return response
        trainer_key = _trainer_key(trainer)
        if trainer_key is None or platform not in Platform.values:
            raise NotFound(_("No such trainer or platform."))
        params = _parameters(request)
        if trainer_key not in profile["licences"]:
            raise PermissionDenied(_("Your organisation holds no current licence of this trainer."))
        ratelimit.check(
            request,
            group="updates",
            key=lambda group, request: f"{raw_key}:{params['device']}",
            rate=settings.UPDATES_RATE,
        )
        language = requested_language(request.GET, languages.supported(request.LANGUAGE_CODE), legacy=True)
        channel = params["channel"] or profile["licences"][trainer_key]
        current = state(trainer_key, platform)
        try:
            payload = manifest(
                trainer_key=trainer_key,
                platform=platform,
                params=params,
                channel=channel,
                channel_state=current["channels"].get(channel),
                withdrawn=current["withdrawn"],
                language=language,
                now=timezone.now().timestamp(),
            )
        except StorageUnavailable:
            return error_json(503, _("Downloads are temporarily unavailable. Please try again later."))
        fleet.record(
            customer_id=profile["customer"],
            trainer_key=trainer_key,
            platform=platform,
            device_id=params["device"],
            model=params["model"],
            firmware=params["firmware"],
            version=params["version"],
            channel=channel,
            mode=params["mode"],
        )
        text = signing.canonical(payload)
        signature = signing.sign(text)
        body = signing.canonical({"manifest": text, "signature": signature, "key_id": signing.key_id()})
        response = HttpResponse(body, content_type="application/json")
        response["X-VT-Signature"] = signature
        response["Cache-Control"] = "private, no-cache"
        patch_vary_headers(response, ["Authorization", "Accept-Language"])
        return response


class PublicKeyView(APIView):
    """The public key trainers verify manifests with."""

    authentication_classes = []
    permission_classes = []

    @extend_schema(
        responses=inline_serializer(
            "ManifestPublicKey",
            {
                "algorithm": serializers.CharField(),
                "key_id": serializers.CharField(),
                "public_key": serializers.CharField(help_text="raw 32 bytes, base64"),
                "pem": serializers.CharField(help_text="SubjectPublicKeyInfo PEM"),
            },
        ),
        tags=["updates"],
    )
    def get(self, request):
        return Response(
            {
                "algorithm": "Ed25519",
                "key_id": signing.key_id(),
                "public_key": base64.b64encode(signing.public_key_bytes()).decode(),
                "pem": signing.public_key_pem(),
            }
        )
