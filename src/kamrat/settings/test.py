"""Test settings: fast hashing, local cache, no HTTPS redirects, demo sign-ins off."""

from .base import *  # noqa: F403

SECRET_KEY = "kamrat-tests-only-not-secret"  # noqa: S105
DEBUG = False
DEMO = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
HTTPS = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_PROXY_SSL_HEADER = None
SECURE_HSTS_SECONDS = 0
FIELD_ENCRYPTION_KEYS = ["JTWx0oQIXkNb0r3yV1d0c1QmJ8bqYb3xYwQ1l1y2w3E="]  # tests only
VIDEO_BASE_URL = "https://video.kamrat.test"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Both aliases share one in-process store, so clearing the cache between tests
# also forgets sign-in failures.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "lockout": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
SILENCED_SYSTEM_CHECKS = ["axes.W001"]  # one process in tests: in-process is shared
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The live server runs on http://localhost, which browsers allow for WebAuthn.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
