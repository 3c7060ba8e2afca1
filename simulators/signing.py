"""Ed25519 signatures of the update manifest: the key from the settings, signing and verifying.

The manifest is a canonical JSON text (sorted keys, no blanks, UTF-8); the signature covers exactly
those bytes, so a device verifies the text it received and only then parses it. Ed25519 signatures
are deterministic: the same manifest always gets the same signature, which is why signing is
memoised per text (a manifest is reissued only every half of its lifetime).
"""

import base64
import binascii
import hashlib
import json
from datetime import datetime
from functools import cache, lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Distinct manifests a process keeps the signature of: one per device and answer of the current
# period is the worst case; an old one is simply signed again.
SIGNATURES_KEPT = 20_000


def canonical(payload):
    """The one serialisation that is signed: sorted keys, no blanks, UTF-8."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _load(text):
    text = text.strip()
    if text.startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(text.encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ImproperlyConfigured("UPDATES_SIGNING_KEY is a PEM key but not an Ed25519 one.")
        return key
    try:
        raw = base64.b64decode(text, validate=True)
    except binascii.Error:
        raise ImproperlyConfigured("UPDATES_SIGNING_KEY is neither PEM nor base64.") from None
    if len(raw) != 32:
        raise ImproperlyConfigured("UPDATES_SIGNING_KEY must be 32 bytes (base64) or a PEM key.")
    return Ed25519PrivateKey.from_private_bytes(raw)


@cache
def private_key():
    """The settings' key, or one derived from ``SECRET_KEY`` (the same in every worker) without it."""
    if settings.UPDATES_SIGNING_KEY:
        return _load(settings.UPDATES_SIGNING_KEY)
    seed = hashlib.sha256(b"vt-update-manifest:" + settings.SECRET_KEY.encode()).digest()
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_key_bytes():
    return private_key().public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_pem():
    return (
        private_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def key_id():
    """Names the key (the first 16 hex digits of the SHA-256 of its raw public bytes)."""
    return hashlib.sha256(public_key_bytes()).hexdigest()[:16]


@lru_cache(maxsize=SIGNATURES_KEPT)
def sign(text):
    """The base64 Ed25519 signature of ``text`` (UTF-8)."""
    return base64.b64encode(private_key().sign(text.encode())).decode()


def verify(text, signature, public_key):
    """Whether ``signature`` (base64) is ``public_key``'s (raw 32 bytes) over ``text``."""
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(base64.b64decode(signature), text.encode())
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return True


class ManifestRefused(ValueError):
    """A manifest a device must not act on: bad signature, expired, or issued for another device."""


def open_manifest(body, public_key, *, now, device=None):
    """What a trainer does with an answer (the reference of the README's recipe): verify the signature
    over the ``manifest`` text with the published key, parse it, refuse it once ``expires_at`` has
    passed (a replayed old answer) or when it names another device. ``now``: an aware datetime."""
    if not verify(body.get("manifest", ""), body.get("signature", ""), public_key):
        raise ManifestRefused("bad signature")
    manifest = json.loads(body["manifest"])
    if datetime.fromisoformat(manifest["expires_at"].replace("Z", "+00:00")) <= now:
        raise ManifestRefused("expired")
    if device is not None and manifest["device"] != device:
        raise ManifestRefused("another device")
    return manifest
