"""Encryption at rest of backup files: AES-256-GCM over a stream, one chunk at a time.

A dump can be larger than memory, so the file is cut into chunks of ``CHUNK_SIZE`` bytes, each sealed
with its own nonce (a random prefix of the file plus the chunk's number). The chunk's number and a
"last chunk" flag are authenticated with it, so chunks cannot be reordered, dropped or the file cut
short without the decryption failing.
"""

import base64
import binascii
import hashlib
import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

ALGORITHM = "AES-256-GCM, 1 MiB chunks"
MAGIC = b"VTBK\x01"
CHUNK_SIZE = 1024 * 1024
_HEADER = struct.Struct(">?I")  # last-chunk flag, sealed length
_PREFIX_SIZE = 8


class BackupKeyError(ValueError):
    """The configured key is malformed, or is not the key a file was encrypted with."""


def parse_key(text):
    """The 32-byte key written as URL-safe base64 (``BACKUP_ENCRYPTION_KEY``)."""
    try:
        key = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
    except (binascii.Error, ValueError) as error:
        raise BackupKeyError("BACKUP_ENCRYPTION_KEY is not URL-safe base64") from error
    if len(key) != 32:
        raise BackupKeyError("BACKUP_ENCRYPTION_KEY must decode to 32 bytes (AES-256)")
    return key


def new_key():
    return base64.urlsafe_b64encode(os.urandom(32)).decode("ascii")


def key_id(key):
    """A fingerprint of the key, recorded in the manifest so that a restore names the key it needs."""
    return hashlib.sha256(b"vt-backup-key:" + key).hexdigest()[:16]


def _nonce(prefix, number):
    return prefix + struct.pack(">I", number)


def encrypt_file(key, source, target):
    """Write ``source`` (a path) encrypted into ``target`` (a path)."""
    aead = AESGCM(key)
    prefix = os.urandom(_PREFIX_SIZE)
    with open(source, "rb") as plain, open(target, "wb") as sealed:
        sealed.write(MAGIC + prefix)
        number = 0
        chunk = plain.read(CHUNK_SIZE)
        while True:
            following = plain.read(CHUNK_SIZE)
            last = not following
            aad = _HEADER.pack(last, number)
            data = aead.encrypt(_nonce(prefix, number), chunk, aad)
            sealed.write(_HEADER.pack(last, len(data)) + data)
            if last:
                return
            chunk, number = following, number + 1


def decrypt_file(key, source, target):
    """Write ``source`` (a path written by ``encrypt_file``) decrypted into ``target`` (a path)."""
    aead = AESGCM(key)
    with open(source, "rb") as sealed, open(target, "wb") as plain:
        head = sealed.read(len(MAGIC) + _PREFIX_SIZE)
        if not head.startswith(MAGIC) or len(head) != len(MAGIC) + _PREFIX_SIZE:
            raise BackupKeyError(f"{source} is not an encrypted backup file")
        prefix = head[len(MAGIC) :]
        number = 0
        while True:
            header = sealed.read(_HEADER.size)
            if len(header) != _HEADER.size:
                raise BackupKeyError(f"{source} is cut short")
            last, length = _HEADER.unpack(header)
            data = sealed.read(length)
            try:
                plain.write(aead.decrypt(_nonce(prefix, number), data, _HEADER.pack(last, number)))
            except InvalidTag as error:
                raise BackupKeyError(f"{source}: wrong key or damaged file (chunk {number})") from error
            if last:
                return
            number += 1
