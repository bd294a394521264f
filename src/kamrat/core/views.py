from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kamrat.accounts.services import user_set_language
from kamrat.programs.selectors import program_list_public

from .forms import LanguageForm


@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "core/landing.html", {"programs": program_list_public()})


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")


def _safe_next(request: HttpRequest, candidate: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return "/"


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Switch language without JavaScript; a signed-in person keeps the choice."""
    form = LanguageForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("That language is not available. Nothing was changed.")
        )
        return HttpResponseRedirect(_safe_next(request, request.POST.get("next", "")))
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=language)
    translation.activate(language)
    response = HttpResponseRedirect(_safe_next(request, form.cleaned_data["next"]))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page renders without the database, which may be what failed."""
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"request_path": request.path}), status=500)
