"""Ways in: sign up from a programme's page, a paper-slip code, a workplace referral."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kamrat.accounts.models import Membership
from kamrat.programs.models import Program
from kamrat.programs.selectors import program_get_public

from .. import permissions
from ..forms import CodeForm, CodesForm, KeepForm, ReferForm, RegisterForm
from ..services import codes as code_services
from ..services.requests import support_request_refer

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _language() -> str:
    return translation.get_language() or "sv"


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, slug: str) -> HttpResponse:
    program = program_get_public(slug=slug)
    if program is None:
        raise Http404
    then = reverse("support:request_new", args=[slug])
    if request.user.is_authenticated:
        return HttpResponseRedirect(then)
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = code_services.participant_register(
                program=program, language=_language(), **form.cleaned_data
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            login(request, user, backend=BACKEND)
            return HttpResponseRedirect(then)
    return render(request, "support/register.html", {"form": form, "program": program})


@require_http_methods(["GET", "POST"])
def code_redeem(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user, program = code_services.access_code_redeem(
                language=_language(), **form.cleaned_data
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            login(request, user, backend=BACKEND)
            return HttpResponseRedirect(
                reverse("support:request_new", args=[program.slug])
            )
    return render(request, "support/code.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def keep_account(request: HttpRequest) -> HttpResponse:
    if not request.user.is_guest:
        return HttpResponseRedirect(reverse("support:home"))
    form = KeepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            code_services.account_keep(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            login(request, request.user, backend=BACKEND)  # keeps the session valid
            messages.success(
                request, _("Your account is kept. Sign in with your email.")
            )
            return HttpResponseRedirect(reverse("support:home"))
    return render(request, "support/keep.html", {"form": form})


def _program_for_staff(request: HttpRequest, slug: str) -> tuple[Program, Membership]:
    """Workplace contacts and coordinators of the programme; 404 for anyone else."""
    program = Program.objects.filter(slug=slug).first()
    if program is None or not permissions.can_refer(request.user, program):
        raise Http404
    # The unit a code or referral comes from is the person's own workplace.
    membership = (
        Membership.objects.active()
        .filter(user=request.user, program=program, role__in=permissions.REFERS)
        .select_related("workplace")
        .order_by(F("workplace").desc(nulls_last=True))
        .first()
    )
    return program, membership


@login_required
@require_http_methods(["GET", "POST"])
def codes_create(request: HttpRequest, slug: str) -> HttpResponse:
    """Print slips with one-time codes to hand out on a ward or at a clinic."""
    program, membership = _program_for_staff(request, slug)
    form = CodesForm(request.POST or None)
    codes: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            codes = code_services.access_codes_create(
                program=program,
                by=request.user,
                count=form.cleaned_data["count"],
                workplace=membership.workplace,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
    context = {
        "form": form,
        "program": program,
        "codes": codes,
        "code_url": request.build_absolute_uri(reverse("support:code")),
    }
    return render(request, "support/codes.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def refer(request: HttpRequest, slug: str) -> HttpResponse:
    program, _membership = _program_for_staff(request, slug)
    form = ReferForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            support_request_refer(
                program=program, by=request.user, **form.request_fields()
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Sent. The person gets an email and decides for themself."),
            )
            return HttpResponseRedirect(reverse("accounts:home"))
    return render(request, "support/refer.html", {"form": form, "program": program})
