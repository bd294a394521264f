"""Pages; see urls.py. Each fetches through a permission helper (404 otherwise)."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kamrat.support.views.common import attempt, id_or_none

from . import permissions, selectors, services
from .forms import AnswerForm, EventForm, InterestForm, OfferForm, PlacementForm
from .models import MatchingEvent

OPEN = MatchingEvent.Status.OPEN
SCHEDULED = MatchingEvent.Status.SCHEDULED


def _errors_to(form: Form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _saved(
    request: HttpRequest, form: Form, action: Callable[[], object], success: str
) -> bool:
    """Validate a bound form and run its service; refusals become form errors."""
    if not form.is_bound or not form.is_valid():
        return False
    try:
        action()
    except ValidationError as error:
        _errors_to(form, error)
        return False
    messages.success(request, success)
    return True


@login_required
@require_GET
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    program = permissions.get_program_for_manager(request.user, slug)
    context = {
        "program": program,
        "events": selectors.events_all(program=program),
        "placements": selectors.placements_for_manager(program=program),
    }
    return render(request, "placements/overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request: HttpRequest, slug: str) -> HttpResponse:
    program = permissions.get_program_for_manager(request.user, slug)
    form = EventForm(
        _posted(request), zone=program.time_zone, cohorts=program.cohorts.all()
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            event = services.event_create(
                program=program,
                title=data["title"],
                starts_at=data["starts_at"],
                place=data["place"],
                slot_minutes=data["slot_minutes"],
                gap_minutes=data["gap_minutes"],
                cohort=data["cohort"],
                by=request.user,
            )
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(
                request, _("The event is open for offers from workplaces and interest.")
            )
            return HttpResponseRedirect(reverse("placements:event", args=[event.pk]))
    return render(
        request, "placements/event_new.html", {"program": program, "form": form}
    )


@login_required
@require_GET
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    event = permissions.get_event_for_manager(request.user, event_id)
    context = {
        "program": event.program,
        "event": event,
        "picture": selectors.event_picture(event=event),
    }
    return render(request, "placements/event.html", context)


@login_required
@require_POST
def schedule_build(request: HttpRequest, event_id: int) -> HttpResponse:
    event = permissions.get_event_for_manager(request.user, event_id)
    return attempt(
        request,
        lambda: services.schedule_build(event=event),
        success=_("The schedule is ready. Everyone sees their own meetings."),
        then=reverse("placements:event", args=[event.pk]),
    )


@login_required
@require_POST
def held(request: HttpRequest, event_id: int) -> HttpResponse:
    event = permissions.get_event_for_manager(request.user, event_id)
    return attempt(
        request,
        lambda: services.event_mark_held(event=event),
        success=_("The event is marked as held."),
        then=reverse("placements:event", args=[event.pk]),
    )


def _offer_initial(own) -> dict | None:
    if own is None:
        return None
    return {
        "description": own.description,
        "hours_per_week": own.hours_per_week,
        "places": own.places,
    }


@login_required
@require_http_methods(["GET", "POST"])
def offer(request: HttpRequest, event_id: int) -> HttpResponse:
    """A workplace contact's offer, and their answers to who is interested."""
    event, workplace = permissions.get_event_for_workplace(request.user, event_id)
    own = selectors.offer_of(event=event, workplace=workplace)
    interests = list(selectors.interested_in(offer=own)) if own else []
    offer_form = OfferForm(initial=_offer_initial(own))
    answer_form = AnswerForm(
        interests=interests,
        initial={
            "supporters": [str(i.supporter_id) for i in interests if i.from_workplace]
        },
    )
    if request.method == "POST":
        if request.POST.get("part") == "answers" and own is not None:
            answer_form = AnswerForm(request.POST, interests=interests)
            if _saved(
                request,
                answer_form,
                lambda: services.interest_set_workplace(
                    offer=own, supporter_ids=answer_form.supporter_ids()
                ),
                _("Your answers are saved."),
            ):
                return HttpResponseRedirect(request.path)
        else:
            offer_form = OfferForm(request.POST)
            if _saved(
                request,
                offer_form,
                lambda: services.offer_save(
                    event=event,
                    workplace=workplace,
                    by=request.user,
                    **offer_form.cleaned_data,
                ),
                _("Your offer is saved."),
            ):
                return HttpResponseRedirect(request.path)
    context = {
        "program": event.program,
        "event": event,
        "workplace": workplace,
        "offer": own,
        "interests": interests,
        "offer_form": offer_form,
        "answer_form": answer_form,
        "meetings": selectors.meetings_of_offer(offer=own)
        if own and event.status == SCHEDULED
        else [],
    }
    return render(request, "placements/offer.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def interest(request: HttpRequest, event_id: int) -> HttpResponse:
    """A peer supporter ticks offers; once scheduled, sees their own meetings."""
    event = permissions.get_event_for_supporter(request.user, event_id)
    offers = list(selectors.offers_of_event(event=event))
    ticked = selectors.interest_offer_ids(event=event, supporter=request.user)
    form = InterestForm(
        _posted(request),
        offers=offers,
        initial={"offers": [str(pk) for pk in ticked]},
    )
    if _saved(
        request,
        form,
        lambda: services.interest_set_supporter(
            event=event, supporter=request.user, offer_ids=form.offer_ids()
        ),
        _("Your choices are saved."),
    ):
        return HttpResponseRedirect(request.path)
    context = {
        "program": event.program,
        "event": event,
        "offers": offers,
        "ticked": ticked,
        "form": form,
        "meetings": selectors.meetings_of_supporter(event=event, supporter=request.user)
        if event.status == SCHEDULED
        else [],
    }
    return render(request, "placements/interest.html", context)


@login_required
@require_GET
def events(request: HttpRequest, slug: str) -> HttpResponse:
    program = permissions.get_program_for_events(request.user, slug)
    context = {
        "program": program,
        "events": selectors.events_taking_part(program=program),
        "as_workplace": permissions.can_view_own_workplace(request.user, program),
        "as_supporter": permissions.is_peer_supporter(request.user, program),
    }
    return render(request, "placements/events.html", context)


@login_required
@require_GET
def workplace(request: HttpRequest, slug: str) -> HttpResponse:
    """A workplace contact's page: who is placed with them, and the material."""
    program, unit = permissions.get_program_and_workplace(request.user, slug)
    context = {
        "program": program,
        "workplace": unit,
        "placements": selectors.placed_with(program=program, workplace=unit),
        "today": timezone.localdate(),
        "events": selectors.events_taking_part(program=program),
    }
    return render(request, "placements/workplace.html", context)


def _preset(request: HttpRequest) -> dict:
    """Fields filled from a meeting's link; odd values are simply left out."""
    initial = {}
    for name in ("supporter", "workplace", "event"):
        value = id_or_none(request.GET.get(name))
        if value is not None:
            initial[name] = str(value)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def placement_new(request: HttpRequest, slug: str) -> HttpResponse:
    program = permissions.get_program_for_manager(request.user, slug)
    form = PlacementForm(
        _posted(request),
        initial=_preset(request),
        supporters=list(selectors.peer_supporters(program=program)),
        workplaces=list(program.workplaces.all()),
        events=list(selectors.events_all(program=program)),
    )
    if _saved(
        request,
        form,
        lambda: services.placement_record(
            program=program, by=request.user, **form.cleaned_data
        ),
        _("The placement is recorded."),
    ):
        return HttpResponseRedirect(reverse("placements:overview", args=[program.slug]))
    return render(
        request, "placements/placement_new.html", {"program": program, "form": form}
    )


@login_required
@require_POST
def placement_end(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = permissions.get_placement_for_manager(request.user, placement_id)
    then = reverse("placements:overview", args=[placement.program.slug])
    try:
        ended = services.placement_end(placement=placement)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return HttpResponseRedirect(then)
    if ended is None:
        messages.success(request, _("The placement had not started and is removed."))
    else:
        messages.success(request, _("The placement has ended."))
    return HttpResponseRedirect(then)
