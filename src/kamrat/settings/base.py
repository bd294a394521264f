"""Production settings: everything comes from the environment, with safe defaults.

Every environment read sits at the top of this module. `demo.py` and `test.py`
build on it; production uses this module as it is.
"""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from kamrat.core.env import (
    env_bool,
    env_db,
    env_email,
    env_int,
    env_list,
    env_secret,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("KAMRAT_DATA_DIR", "var")).resolve()

SECRET_KEY = env_secret("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
HTTPS = env_bool("KAMRAT_HTTPS", True)
DATABASES = {"default": env_db("DATABASE_URL", f"sqlite:///{DATA_DIR / 'kamrat.db'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env_int("KAMRAT_DB_CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the worker run beside a writer; IMMEDIATE takes the
    # write lock up front instead of failing half-way with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
REDIS_URL = env_secret("REDIS_URL")
_email = env_email("EMAIL_URL", "consolemail://")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kamrat <noreply@localhost>")
SESSION_HOURS = env_int("KAMRAT_SESSION_HOURS", 12)
SESSION_IDLE_MINUTES = env_int("KAMRAT_SESSION_IDLE_MINUTES", 30)
LOCKOUT_FAILURES = env_int("KAMRAT_LOCKOUT_FAILURES", 5)
LOCKOUT_MINUTES = env_int("KAMRAT_LOCKOUT_MINUTES", 15)
DEMO = env_bool("KAMRAT_DEMO", False)
FIELD_ENCRYPTION_KEYS = [
    key.strip() for key in env_secret("FIELD_ENCRYPTION_KEYS").split(",") if key.strip()
]
SITE_URL = env_str("KAMRAT_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
VIDEO_BASE_URL = env_str("KAMRAT_VIDEO_BASE_URL", "https://meet.jit.si")
REMINDER_HOURS = [int(h) for h in env_list("KAMRAT_REMINDER_HOURS", ["24", "2"])]
RETENTION_DAYS = env_int("KAMRAT_RETENTION_DAYS", 365)
CONCERN_ESCALATE_MINUTES = env_int("KAMRAT_CONCERN_ESCALATE_MINUTES", 15)
APPLICANT_DAYS = env_int("KAMRAT_APPLICANT_DAYS", 180)
STATIC_ROOT = Path(env_str("KAMRAT_STATIC_ROOT", str(DATA_DIR / "static")))

INSTALLED_APPS = [
    "kamrat.core",
    "kamrat.accounts",
    "kamrat.programs",
    "kamrat.privacy",
    "kamrat.support",
    "kamrat.recovery",
    "kamrat.concerns",
    "kamrat.recruitment",
    "kamrat.supervision",
    "kamrat.training",
    "kamrat.placements",
    "kamrat.reports",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kamrat.accounts.middleware.UserLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "kamrat.accounts.middleware.SessionLimitsMiddleware",
    "kamrat.accounts.middleware.StaffTwoFactorMiddleware",
    # Last, as axes asks: it turns a lockout into the answer the person sees.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kamrat.urls"
WSGI_APPLICATION = "kamrat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kamrat.core.context_processors.kamrat",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out sign-in before any password is checked.
    "kamrat.accounts.backends.LockoutBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:home"

ACCOUNT_ADAPTER = "kamrat.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_LOGOUT_ON_PASSWORD_RESET = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Kamrat: "
ACCOUNT_SESSION_REMEMBER = False

# Two-factor sign-in: an authenticator app (TOTP) with recovery codes, both
# usable without JavaScript, and security keys or passkeys (WebAuthn), which need
# JavaScript by nature. A key is a second factor only: signing in with a passkey
# instead of a password stays off.
MFA_ADAPTER = "kamrat.accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_FORMS = {
    "add_webauthn": "kamrat.accounts.forms.AddKeyForm",
    "authenticate_webauthn": "kamrat.accounts.forms.KeyForm",
    "reauthenticate_webauthn": "kamrat.accounts.forms.ReauthenticateKeyForm",
}
MFA_TOTP_ISSUER = "Kamrat"
MFA_TOTP_TOLERANCE = 1  # one step either side: phones' clocks drift

# Brute-force lockout, per email address and IP address together, so one
# person's mistakes never lock out a colleague on the same network. Counters
# live in a cache (hashed keys, no table of names and addresses) and expire.
AXES_ENABLED = True
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_CACHE = "lockout"
AXES_FAILURE_LIMIT = LOCKOUT_FAILURES
AXES_COOLOFF_TIME = timedelta(minutes=LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "email"
AXES_USERNAME_CALLABLE = "kamrat.accounts.lockout.username_for_lockout"
AXES_CLIENT_STR_CALLABLE = "kamrat.accounts.lockout.client_for_logs"
AXES_LOCKOUT_CALLABLE = "kamrat.accounts.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False

# Sessions live in the database and are read through the cache (Redis when set).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = SESSION_HOURS * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # no script reads it: forms carry the token
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
SECURE_SSL_REDIRECT = HTTPS and env_bool("KAMRAT_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# The preload directive only; submitting the domain to browsers' preload list
# stays the operator's own decision.
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True

STATIC_URL = "/static/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    CACHES["lockout"] = CACHES["default"]
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Lockout counters must be shared by every worker process; without Redis
        # the database holds them (hashed keys only; `kamrat migrate` makes it).
        "lockout": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kamrat_lockout_cache",
        },
    }

EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = bool(_email.get("EMAIL_USE_TLS", False))
EMAIL_USE_SSL = bool(_email.get("EMAIL_USE_SSL", False))
EMAIL_TIMEOUT = 10
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Request logs carry method, path and status only: no query strings, names or
# addresses, because a path is all an operator needs and people's data stays out.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        # Axes writes only the path it saw (see accounts/lockout.py); warnings
        # are enough to notice an attack.
        "axes": {"level": "WARNING"},
        # At DEBUG these two write template contexts and SQL parameters, which
        # hold people's names and addresses; they stay quiet even when an
        # operator turns the root logger up to DEBUG.
        "django.template": {"level": "INFO"},
        "django.db.backends": {"level": "INFO"},
    },
}
