"""The demo: base settings with DEBUG on, a kept secret key and demo sign-ins."""

import secrets

from cryptography.fernet import Fernet

from .base import *  # noqa: F403
from .base import (
    DATA_DIR,
    FIELD_ENCRYPTION_KEYS,
    SECRET_KEY,
    env_bool,
    env_list,
)

DEBUG = env_bool("DEBUG", True)
DEMO = True
HTTPS = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_PROXY_SSL_HEADER = None
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])


def _kept(name: str, make) -> str:
    """Generate a demo key once and keep it, so data and sessions survive a restart."""
    path = DATA_DIR / name
    if path.exists():
        return path.read_text().strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = make()
    path.write_text(key)
    path.chmod(0o600)
    return key


SECRET_KEY = SECRET_KEY or _kept("secret_key", lambda: secrets.token_urlsafe(50))
FIELD_ENCRYPTION_KEYS = FIELD_ENCRYPTION_KEYS or [
    _kept("field_encryption_key", lambda: Fernet.generate_key().decode())
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The demo runs on http://127.0.0.1 or localhost; browsers allow WebAuthn there.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
