from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kamrat.accounts.models import Membership, Role
from kamrat.matching.services import matching_run, suggestions_for_request
from kamrat.privacy.models import AccessEntry

from .. import permissions, selectors
from ..choices import Mode
from ..forms import AssignForm
from ..models import SupportRequest
from ..services import requests as request_services
from .common import attempt, id_or_none, log_reads


@login_required
@require_GET
def queue(request: HttpRequest, slug: str) -> HttpResponse:
    """The programme's requests, filtered; participants are shown by first name only."""
    program = permissions.get_program_for_manager(request.user, slug)
    filters = {
        "status": request.GET.get("status", ""),
        "area_id": id_or_none(request.GET.get("area")),
        "language": request.GET.get("language", ""),
        "mode": request.GET.get("mode", ""),
    }
    if filters["status"] not in SupportRequest.Status.values:
        filters["status"] = ""
    if filters["mode"] not in Mode.values:
        filters["mode"] = ""
    if filters["language"] not in {"sv", "da", "en"}:
        filters["language"] = ""
    requests = selectors.request_queue(program=program, **filters)
    log_reads(
        request,
        program=program,
        participants=[r.participant_id for r in requests],
        what=AccessEntry.What.QUEUE,
        purpose=AccessEntry.Purpose.MATCHING,
    )
    context = {
        "program": program,
        "requests": requests,
        "filters": filters,
        "statuses": SupportRequest.Status.choices,
        "modes": Mode.choices,
        "areas": program.areas.all(),
    }
    return render(request, "support/queue.html", context)


@login_required
@require_POST
def queue_run(request: HttpRequest, slug: str) -> HttpResponse:
    program = permissions.get_program_for_manager(request.user, slug)
    counts = matching_run(program=program, by=request.user)
    messages.success(
        request,
        _("Matching done: %(proposed)s proposed, %(left)s still waiting.") % counts,
    )
    return HttpResponseRedirect(reverse("support:queue", args=[slug]))


@login_required
@require_GET
def caseloads(request: HttpRequest, slug: str) -> HttpResponse:
    program = permissions.get_program_for_manager(request.user, slug)
    context = {
        "program": program,
        "caseloads": selectors.caseload_list(program=program),
    }
    return render(request, "support/caseloads.html", context)


@login_required
@require_POST
def request_take(request: HttpRequest, request_id: int) -> HttpResponse:
    support_request = permissions.get_request_for_user(request.user, request_id)
    if not permissions.can_manage_requests(request.user, support_request.program):
        raise Http404
    return attempt(
        request,
        lambda: request_services.support_request_take(
            request=support_request, by=request.user
        ),
        success=_("You handle this request now."),
        then=reverse("support:request", args=[support_request.pk]),
    )


@login_required
@require_POST
def request_assign(request: HttpRequest, request_id: int) -> HttpResponse:
    """The coordinator proposes a supporter; someone not suggested needs a reason."""
    support_request = permissions.get_request_for_user(request.user, request_id)
    program = support_request.program
    if not permissions.can_manage_requests(request.user, program):
        raise Http404
    then = reverse("support:request", args=[support_request.pk])
    form = AssignForm(request.POST)
    membership = (
        Membership.objects.active()
        .filter(
            program=program,
            role=Role.PEER_SUPPORTER,
            user_id=form.cleaned_data["supporter"],
        )
        .select_related("user")
        .first()
        if form.is_valid()
        else None
    )
    if membership is None:
        messages.error(request, _("Choose a peer supporter in this programme."))
        return HttpResponseRedirect(then)
    suggested = [s.supporter.pk for s in suggestions_for_request(support_request)]
    return attempt(
        request,
        lambda: request_services.support_request_choose(
            request=support_request,
            supporter=membership.user,
            by=request.user,
            suggested_ids=suggested,
            override_reason=form.cleaned_data["override_reason"],
        ),
        success=_("Proposed. The peer supporter is asked to accept."),
        then=reverse("support:queue", args=[program.slug]),
    )
