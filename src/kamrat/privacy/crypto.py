"""Field encryption at rest with keys from FIELD_ENCRYPTION_KEYS, newest first.

The keys never derive from SECRET_KEY: rotating one must not touch the other.
"""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must hold at least one key")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS holds a malformed key; make one with "
            "`kamrat generate_encryption_key`"
        ) from None


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(plaintext: str) -> str:
    return fernet().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured(
            "An encrypted value cannot be read with FIELD_ENCRYPTION_KEYS; "
            "was a key removed before rotation?"
        ) from None


def generate_key() -> str:
    return Fernet.generate_key().decode()
