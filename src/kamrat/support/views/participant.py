from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kamrat.matching.services import suggestions_for_request
from kamrat.privacy.models import AccessEntry
from kamrat.programs.selectors import program_get_public

from .. import permissions, selectors
from ..choices import Mode, Topic
from ..forms import ChooseForm, SupportRequestForm
from ..models import SupportRequest
from ..services import requests as request_services
from .common import attempt, log_reads

W = AccessEntry.What
P = AccessEntry.Purpose


@login_required
@require_GET
def support_home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    pairings = selectors.pairing_list_for_user(user=request.user)
    meetings = selectors.meeting_list_for_user(
        user=request.user, start=now - timedelta(hours=2), end=now + timedelta(days=60)
    )
    _log_supporter_reads(request, pairings, meetings)
    context = {
        "pairings": pairings,
        "requests": selectors.request_list_for_participant(user=request.user),
        "meetings": meetings,
    }
    return render(request, "support/home.html", context)


def _log_supporter_reads(request: HttpRequest, pairings, meetings) -> None:
    """A peer supporter's overview names their participants: that is a read."""
    by_program: dict = {}
    for pairing in pairings:
        if pairing.supporter_id == request.user.pk:
            by_program.setdefault(pairing.program, set()).add(pairing.participant_id)
    for program, ids in by_program.items():
        log_reads(
            request,
            program=program,
            participants=ids,
            what=W.CONTACT,
            purpose=P.SUPPORT,
        )
    by_program = {}
    for meeting in meetings:
        if meeting.pairing.supporter_id == request.user.pk:
            by_program.setdefault(meeting.pairing.program, set()).add(
                meeting.pairing.participant_id
            )
    for program, ids in by_program.items():
        log_reads(
            request,
            program=program,
            participants=ids,
            what=W.MEETINGS,
            purpose=P.SUPPORT,
        )


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest, slug: str) -> HttpResponse:
    program = program_get_public(slug=slug)
    if program is None:
        raise Http404
    form = SupportRequestForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            created = request_services.support_request_create(
                program=program, participant=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return HttpResponseRedirect(reverse("support:request", args=[created.pk]))
    return render(
        request, "support/request_new.html", {"form": form, "program": program}
    )


@login_required
@require_GET
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    support_request = permissions.get_request_for_user(request.user, request_id)
    is_owner = support_request.participant_id == request.user.pk
    manages = permissions.can_manage_requests(request.user, support_request.program)
    shows_choice = support_request.status == SupportRequest.Status.OPEN and (
        manages
        or (is_owner and support_request.chooser == SupportRequest.Chooser.PARTICIPANT)
    )
    context = {
        "support_request": support_request,
        "program": support_request.program,
        "is_owner": is_owner,
        "manages": manages,
        "topics": [Topic(t).label for t in support_request.topics],
        "modes": [Mode(m).label for m in support_request.modes],
        "suggestions": suggestions_for_request(support_request) if shows_choice else [],
        "can_read_message": permissions.can_read_request_message(
            request.user, support_request
        ),
    }
    if not is_owner:
        log_reads(
            request,
            program=support_request.program,
            participants=[support_request.participant_id],
            what=W.REQUEST,
            purpose=P.MATCHING,
        )
        if context["can_read_message"] and support_request.message:
            log_reads(
                request,
                program=support_request.program,
                participants=[support_request.participant_id],
                what=W.MESSAGE,
                purpose=P.MATCHING,
            )
    if manages:
        from ..forms import AssignForm
        from ..selectors import caseload_list

        context["assign_form"] = AssignForm()
        context["caseloads"] = caseload_list(program=support_request.program)
    return render(request, "support/request_detail.html", context)


@login_required
@require_POST
def request_choose(request: HttpRequest, request_id: int) -> HttpResponse:
    """The participant picks one of the suggestions; anything else changes nothing."""
    support_request = permissions.get_request_for_user(request.user, request_id)
    if support_request.participant_id != request.user.pk:
        raise Http404
    form = ChooseForm(request.POST)
    offered = {
        s.supporter.pk: s.supporter for s in suggestions_for_request(support_request)
    }
    chosen = offered.get(form.cleaned_data["supporter"]) if form.is_valid() else None
    if chosen is None:
        messages.error(request, _("Choose one of the suggested peer supporters."))
        return HttpResponseRedirect(reverse("support:request", args=[request_id]))
    return attempt(
        request,
        lambda: request_services.support_request_choose(
            request=support_request,
            supporter=chosen,
            by=request.user,
            suggested_ids=list(offered),
        ),
        success=_(
            "Thank you. We have asked the peer supporter; you will hear back soon."
        ),
        then=reverse("support:home"),
    )


@login_required
@require_POST
def request_confirm(request: HttpRequest, request_id: int) -> HttpResponse:
    support_request = permissions.get_request_for_user(request.user, request_id)
    return attempt(
        request,
        lambda: request_services.support_request_confirm(
            request=support_request, by=request.user
        ),
        success=_("Thank you. Your request is now with the coordinator."),
        then=reverse("support:request", args=[support_request.pk]),
    )


@login_required
@require_POST
def request_withdraw(request: HttpRequest, request_id: int) -> HttpResponse:
    support_request = permissions.get_request_for_user(request.user, request_id)
    if support_request.participant_id != request.user.pk:
        raise Http404
    return attempt(
        request,
        lambda: request_services.support_request_withdraw(
            request=support_request, by=request.user
        ),
        success=_("Your request is withdrawn. You are welcome back any time."),
        then=reverse("support:home"),
    )
