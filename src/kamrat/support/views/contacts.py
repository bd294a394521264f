from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kamrat.privacy.models import AccessEntry

from .. import permissions
from ..forms import BookForm
from ..models import Meeting, Pairing
from ..services import meetings as meeting_services
from ..services import pairings as pairing_services
from ..services.availability import open_times
from ..services.meetings import video_url
from .common import attempt, log_reads

W = AccessEntry.What
P = AccessEntry.Purpose


@login_required
@require_GET
def pairing_detail(request: HttpRequest, pairing_id: int) -> HttpResponse:
    pairing = permissions.get_pairing_for_user(request.user, pairing_id)
    now = timezone.now()
    # Coming meetings first, soonest on top; then the past ones, latest first.
    meetings = list(pairing.meetings.filter(starts_at__gte=now).order_by("starts_at"))
    meetings += list(
        pairing.meetings.filter(starts_at__lt=now).order_by("-starts_at")[:20]
    )
    if pairing.participant_id != request.user.pk:
        purpose = (
            P.SUPPORT if pairing.supporter_id == request.user.pk else P.COORDINATION
        )
        for what in (W.CONTACT, W.MEETINGS):
            log_reads(
                request,
                program=pairing.program,
                participants=[pairing.participant_id],
                what=what,
                purpose=purpose,
            )
    context = {
        "pairing": pairing,
        "program": pairing.program,
        "meetings": [(m, video_url(m)) for m in meetings],
        "is_participant": pairing.participant_id == request.user.pk,
        "is_supporter": pairing.supporter_id == request.user.pk,
        "zone": ZoneInfo(pairing.program.time_zone),
        "now": now,
        "record_choices": [
            (Meeting.Status.KEPT, Meeting.Status.KEPT.label),
            (Meeting.Status.NO_SHOW, Meeting.Status.NO_SHOW.label),
        ],
    }
    return render(request, "support/pairing_detail.html", context)


ACTIONS = {
    "accept": (
        pairing_services.pairing_accept,
        "supporter",
        gettext_lazy("You are now in contact. Say hello and book a first meeting."),
    ),
    "decline": (
        pairing_services.pairing_decline,
        "supporter",
        gettext_lazy("Declined. The coordinator will find someone else."),
    ),
    "pause": (
        pairing_services.pairing_pause,
        "either",
        gettext_lazy("The contact is paused. Planned meetings are cancelled."),
    ),
    "resume": (
        pairing_services.pairing_resume,
        "either",
        gettext_lazy("Welcome back."),
    ),
    "end": (
        pairing_services.pairing_end,
        "either",
        gettext_lazy("The contact has ended."),
    ),
}


@login_required
@require_POST
def pairing_action(request: HttpRequest, pairing_id: int, action: str) -> HttpResponse:
    pairing = permissions.get_pairing_for_user(request.user, pairing_id)
    if action not in ACTIONS and action != "rematch":
        raise Http404
    if not permissions.can_act_in_pairing(request.user, pairing):
        raise Http404
    then = reverse("support:pairing", args=[pairing.pk])
    if action == "rematch":
        if pairing.participant_id != request.user.pk:
            raise Http404
        return attempt(
            request,
            lambda: pairing_services.pairing_end(
                pairing=pairing, by=request.user, rematch=True
            ),
            success=_("You will get suggestions for someone new. No reason is needed."),
            then=reverse("support:home"),
        )
    service, who, success = ACTIONS[action]
    if who == "supporter" and pairing.supporter_id != request.user.pk:
        raise Http404
    return attempt(
        request,
        lambda: service(pairing=pairing, by=request.user),
        success=str(success),
        then=then if action != "end" else reverse("support:home"),
    )


def _book_form(request: HttpRequest, pairing: Pairing, minutes: int = 60, **kwargs):
    if pairing.supporter_id == request.user.pk:
        log_reads(
            request,
            program=pairing.program,
            participants=[pairing.participant_id],
            what=W.MEETINGS,
            purpose=P.SUPPORT,
        )
    times = open_times(
        program=pairing.program,
        supporter=pairing.supporter,
        participant=pairing.participant,
        minutes=minutes,
    )
    return BookForm(
        request.POST or None,
        times=times,
        zone=ZoneInfo(pairing.program.time_zone),
        **kwargs,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_book(request: HttpRequest, pairing_id: int) -> HttpResponse:
    pairing = permissions.get_pairing_for_user(request.user, pairing_id)
    if not permissions.can_act_in_pairing(request.user, pairing):
        raise Http404
    modes = pairing.request.modes if pairing.request else []
    form = _book_form(
        request, pairing, initial={"mode": modes[0] if modes else "video"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting_services.meeting_book(
                pairing=pairing, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("The meeting is booked. You both get an email.")
            )
            return HttpResponseRedirect(reverse("support:pairing", args=[pairing.pk]))
    context = {"form": form, "pairing": pairing, "program": pairing.program}
    return render(request, "support/meeting_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_move(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_user(request.user, meeting_id)
    pairing = meeting.pairing
    form = _book_form(
        request,
        pairing,
        initial={"mode": meeting.mode, "place": meeting.place, "minutes": 60},
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting_services.meeting_move(
                meeting=meeting, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The meeting is moved. You both get an email."))
            return HttpResponseRedirect(reverse("support:pairing", args=[pairing.pk]))
    context = {
        "form": form,
        "pairing": pairing,
        "program": pairing.program,
        "meeting": meeting,
    }
    return render(request, "support/meeting_form.html", context)


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_user(request.user, meeting_id)
    return attempt(
        request,
        lambda: meeting_services.meeting_cancel(meeting=meeting, by=request.user),
        success=_("The meeting is cancelled. You both get an email."),
        then=reverse("support:pairing", args=[meeting.pairing_id]),
    )


@login_required
@require_POST
def meeting_record(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_user(request.user, meeting_id)
    if meeting.pairing.supporter_id != request.user.pk:
        raise Http404
    status = request.POST.get("status", "")
    return attempt(
        request,
        lambda: meeting_services.meeting_record(
            meeting=meeting, by=request.user, status=status
        ),
        success=_("Saved."),
        then=reverse("support:pairing", args=[meeting.pairing_id]),
    )
