import time

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from .permissions import must_use_two_factor

STARTED_KEY = "kamrat.signed_in_at"
SEEN_KEY = "kamrat.seen_at"
TWO_FACTOR_KEY = "kamrat.two_factor_ok"
# Seen-at is written at most this often, so a busy page does not write the
# session on every request.
SEEN_RESOLUTION = 60


class UserLocaleMiddleware(LocaleMiddleware):
    """A signed-in person's chosen language wins over cookie and browser."""

    def process_request(self, request: HttpRequest) -> None:
        user = getattr(request, "user", None)
        language = getattr(user, "preferred_language", "") if user else ""
        if language and language in dict(settings.LANGUAGES):
            translation.activate(language)
            request.LANGUAGE_CODE = language
            return
        super().process_request(request)


def _to(request: HttpRequest, url: str) -> HttpResponse:
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)


class SessionLimitsMiddleware:
    """Sign a person out after a quiet spell, and in any case after a long day.

    A shared computer on a ward is left unlocked more often than not. The
    absolute limit is kept here too, because writing seen-at to the session
    would otherwise renew the cookie's own age on every visit.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault(STARTED_KEY, now)
            seen = session.get(SEEN_KEY, now)
            idle = now - seen > settings.SESSION_IDLE_MINUTES * 60
            too_long = now - started > settings.SESSION_HOURS * 3600
            if idle or too_long:
                return self._sign_out(request, idle=idle)
            if SEEN_KEY not in session or now - seen >= SEEN_RESOLUTION:
                session[SEEN_KEY] = now
        return self.get_response(request)

    def _sign_out(self, request: HttpRequest, *, idle: bool) -> HttpResponse:
        logout(request)
        if idle:
            text = _(
                "You were signed out because nothing happened for "
                "%(minutes)s minutes. This keeps your account safe on a shared "
                "computer. Please sign in again to carry on."
            ) % {"minutes": settings.SESSION_IDLE_MINUTES}
        else:
            text = _(
                "You were signed out because you had been signed in for "
                "%(hours)s hours. Please sign in again to carry on."
            ) % {"hours": settings.SESSION_HOURS}
        messages.info(request, text)
        nxt = request.get_full_path() if request.method == "GET" else ""
        if getattr(request, "htmx", False) or not nxt:
            return _to(request, reverse(settings.LOGIN_URL))
        return redirect_to_login(nxt)


# What a person who must add a second factor may still reach before they have.
TWO_FACTOR_SETUP_URLS = frozenset(
    {
        "mfa_activate_totp",
        "mfa_index",
        "mfa_list_webauthn",
        "mfa_add_webauthn",
        "mfa_view_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_generate_recovery_codes",
        "account_reauthenticate",
        "mfa_reauthenticate",
        "account_logout",
        "language_set",
        "healthz",
    }
)


class StaffTwoFactorMiddleware:
    """Coordinators, programme admins and superusers set up a second factor first.

    Pages that do not exist never reach process_view, so error pages still show.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, args, kwargs):
        user = request.user
        if not user.is_authenticated or request.session.get(TWO_FACTOR_KEY):
            return None
        if not must_use_two_factor(user):
            return None
        if is_mfa_enabled(user):
            # Remembered for the session; removing the authenticator forgets it.
            request.session[TWO_FACTOR_KEY] = True
            return None
        match = request.resolver_match
        if match and match.url_name in TWO_FACTOR_SETUP_URLS:
            return None
        return _to(request, reverse("mfa_activate_totp"))
