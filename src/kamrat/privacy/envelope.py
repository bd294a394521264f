"""Envelope encryption: content sealed with its own data key, the key wrapped.

Each data key is random and encrypts one person's writing with AES-256-GCM. The
data key itself is stored only wrapped by the master keys in
FIELD_ENCRYPTION_KEYS (newest first). Rotating a master key then means
re-wrapping a few small keys, not re-encrypting every text, and deleting a
wrapped key leaves its content unreadable for good.
"""

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

from . import crypto

VERSION = "v1"
KEY_BYTES = 32
NONCE_BYTES = 12


class EnvelopeError(Exception):
    """A key or sealed text cannot be read: wrong key, changed data, or bad format."""


def data_key_new() -> bytes:
    """A fresh random 256-bit data key; it is only ever stored wrapped."""
    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)


def data_key_wrap(data_key: bytes) -> str:
    """Encrypt a data key with the newest master key."""
    if len(data_key) != KEY_BYTES:
        raise EnvelopeError("a data key is 32 bytes")
    return crypto.fernet().encrypt(data_key).decode()


def data_key_unwrap(wrapped: str) -> bytes:
    """The data key inside a wrapped key, opened with any of the master keys."""
    try:
        data_key = crypto.fernet().decrypt(wrapped.encode())
    except (InvalidToken, ValueError):
        raise EnvelopeError(
            "A data key cannot be unwrapped with FIELD_ENCRYPTION_KEYS; "
            "was a key removed before rotation?"
        ) from None
    if len(data_key) != KEY_BYTES:
        raise EnvelopeError("a wrapped value does not hold a data key")
    return data_key


def data_key_is_current(wrapped: str) -> bool:
    """True when the newest master key alone opens this wrapped key."""
    newest = settings.FIELD_ENCRYPTION_KEYS[0]
    try:
        Fernet(newest.encode()).decrypt(wrapped.encode())
    except (InvalidToken, ValueError):
        return False
    return True


def data_key_rewrap(wrapped: str) -> str:
    """The same data key, wrapped again with the newest master key."""
    return data_key_wrap(data_key_unwrap(wrapped))


def seal(data_key: bytes, plaintext: str, *, context: bytes = b"") -> str:
    """Encrypt text with a data key; `context` must match again when opening.

    The context binds a sealed text to where it belongs (for example its plan),
    so a value copied to another row does not open there.
    """
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(data_key).encrypt(nonce, plaintext.encode(), context)
    return f"{VERSION}:{base64.urlsafe_b64encode(nonce + sealed).decode()}"


def unseal(data_key: bytes, token: str, *, context: bytes = b"") -> str:
    """The text inside a sealed value; raises EnvelopeError if it does not open."""
    version, _sep, body = token.partition(":")
    if version != VERSION or not body:
        raise EnvelopeError("not a sealed value")
    try:
        raw = base64.urlsafe_b64decode(body.encode())
        nonce, sealed = raw[:NONCE_BYTES], raw[NONCE_BYTES:]
        return AESGCM(data_key).decrypt(nonce, sealed, context).decode()
    except (InvalidTag, ValueError):
        raise EnvelopeError("a sealed value does not open with this key") from None
