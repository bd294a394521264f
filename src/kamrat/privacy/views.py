from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kamrat.accounts.models import Membership, Role
from kamrat.programs.models import Program

from . import consents
from .forms import AGREE, ConsentChangeForm, ConsentTextForm
from .models import AccessEntry, ConsentKind
from .services import access_log

KEPT_FOR = timedelta(days=730)


@login_required
@require_GET
def access_log_mine(request: HttpRequest) -> HttpResponse:
    """'Who has looked at my data': every staff read of the person's data, 2 years."""
    entries = (
        AccessEntry.objects.filter(
            participant=request.user, at__gte=timezone.now() - KEPT_FOR
        )
        .select_related("program")
        .order_by("-at", "-id")[:500]
    )
    roles = dict(Role.choices)
    rows = [
        {
            "at": entry.at,
            "role": roles.get(entry.reader_role, entry.reader_role),
            "unit": entry.reader_unit,
            "name": entry.reader_name if entry.program.show_reader_names else "",
            "what": entry.get_what_display(),
            "purpose": entry.get_purpose_display(),
        }
        for entry in entries
    ]
    return render(request, "privacy/access_log.html", {"rows": rows})


def _url_or_none(name: str, *args) -> str | None:
    """A link to a page that may not exist yet in this installation."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _recovery_url(program: Program | None = None) -> str:
    if program is not None:
        url = _url_or_none("recovery:plan", program.slug)
        if url:
            return url
    return _url_or_none("recovery:plan") or "/recovery/"


def _program_for(request: HttpRequest, slug: str, may) -> Program:
    """404 both when missing and when not allowed, so a slug reveals nothing."""
    program = Program.objects.filter(slug=slug).first()
    if program is None or not may(request.user, program):
        raise Http404
    return program


@login_required
@require_GET
def hub(request: HttpRequest) -> HttpResponse:
    """'Your data and privacy': what Kamrat keeps, and the person's rights."""
    programs = [
        membership.program
        for membership in Membership.objects.active()
        .filter(user=request.user, role=Role.PARTICIPANT)
        .select_related("program")
        .order_by("program__name")
    ]
    context = {
        "programs": programs,
        "recovery_url": _recovery_url(programs[0] if len(programs) == 1 else None),
        "export_url": _url_or_none("privacy:export"),
        "erase_url": _url_or_none("privacy:erase"),
    }
    return render(request, "privacy/hub.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def consents_mine(request: HttpRequest, slug: str) -> HttpResponse:
    """The participant's consents in one programme: read, agree, withdraw."""
    program = _program_for(request, slug, consents.can_give_consents)
    here = reverse("privacy:consents", args=[slug])
    if request.method == "POST":
        form = ConsentChangeForm(request.POST, program=program)
        if not form.is_valid():
            for error in form.errors.values():
                messages.error(request, error[0])
            return HttpResponseRedirect(here)
        agree = form.cleaned_data["action"] == AGREE
        consents.consent_set(
            participant=request.user,
            program=program,
            kind=form.cleaned_data["kind"],
            granted=agree,
            workplace=form.cleaned_data["workplace"],
        )
        if agree:
            messages.success(request, _("Thank you. Your answer is saved."))
        else:
            messages.success(
                request, _("You have withdrawn your consent. It holds from now on.")
            )
        return HttpResponseRedirect(here)
    context = {
        "program": program,
        "language": get_language() or program.default_language,
        "states": consents.consent_states(participant=request.user, program=program),
        "history": consents.consent_history(participant=request.user, program=program),
        "workplaces": program.workplaces.all(),
        "suggested_workplace": consents.referral_workplace(
            participant=request.user, program=program
        ),
        "recovery_url": _recovery_url(program),
    }
    return render(request, "privacy/consents.html", context)


@login_required
@require_GET
def consent_texts(request: HttpRequest, slug: str) -> HttpResponse:
    """Each consent's current wording and every earlier version, for staff."""
    program = _program_for(request, slug, consents.can_manage_consent_texts)
    versions = consents.consent_text_versions(program=program)
    kinds = [
        {"kind": kind, "label": label, "versions": versions[kind]}
        for kind, label in ConsentKind.choices
    ]
    return render(
        request, "privacy/consent_texts.html", {"program": program, "kinds": kinds}
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent_text_new(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """Publish a new version of one consent's wording; nothing is edited in place."""
    program = _program_for(request, slug, consents.can_manage_consent_texts)
    if kind not in ConsentKind.values:
        raise Http404
    current = consents.consent_text_current(program=program, kind=kind)
    if request.method == "POST":
        form = ConsentTextForm(request.POST)
        if form.is_valid():
            try:
                text = consents.consent_text_publish(
                    program=program, kind=kind, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Version %(version)s is published.") % {"version": text.version},
                )
                return HttpResponseRedirect(
                    reverse("privacy:consent_texts", args=[slug])
                )
    else:
        initial = {}
        if current:
            initial = {
                f: getattr(current, f) for f in ("text_sv", "text_da", "text_en")
            }
        form = ConsentTextForm(initial=initial)
    context = {
        "program": program,
        "label": ConsentKind(kind).label,
        "current": current,
        "form": form,
    }
    return render(request, "privacy/consent_text_new.html", context)


@login_required
@require_GET
def evaluation(request: HttpRequest, slug: str) -> HttpResponse:
    """Who agreed to be asked about an evaluation; every listed person is logged."""
    program = _program_for(request, slug, consents.can_view_evaluation_list)
    people = consents.evaluation_list(program=program)
    access_log(
        reader=request.user,
        participants=people,
        program=program,
        what=AccessEntry.What.EVALUATION,
        purpose=AccessEntry.Purpose.COORDINATION,
    )
    return render(
        request, "privacy/evaluation.html", {"program": program, "people": people}
    )


@login_required
@require_GET
def has_supporter(request: HttpRequest, slug: str) -> HttpResponse:
    """For a ward or clinic: first names of those who let it know they have support."""
    program = Program.objects.filter(slug=slug).first()
    workplace = program and consents.workplace_of_contact(request.user, program)
    if not workplace:
        raise Http404
    people = consents.has_supporter_list(program=program, workplace=workplace)
    access_log(
        reader=request.user,
        participants=people,
        program=program,
        what=AccessEntry.What.HAS_SUPPORTER,
        purpose=AccessEntry.Purpose.COORDINATION,
    )
    context = {
        "program": program,
        "workplace": workplace,
        "names": [person.get_short_name() for person in people],
    }
    return render(request, "privacy/has_supporter.html", context)
