from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kamrat.privacy.models import AccessEntry
from kamrat.programs.models import Program
from kamrat.support.views.common import attempt, log_reads

from . import permissions, selectors
from .forms import ConcernForm, OrderForm, ShiftForm
from .models import Shift
from .services import concerns as concern_services
from .services import rota as rota_services


def _log_concern_reads(request: HttpRequest, program: Program, concerns) -> None:
    """Who a concern is about is personal data: every staff read is logged."""
    log_reads(
        request,
        program=program,
        participants=[c.participant_id for c in concerns if c.participant_id],
        what=AccessEntry.What.CONCERN,
        purpose=AccessEntry.Purpose.SUPPORT,
    )


@login_required
@require_http_methods(["GET", "POST"])
def concern_raise(request: HttpRequest, slug: str) -> HttpResponse:
    program = permissions.get_program_for_supporter(request.user, slug)
    about = request.POST.get("about", "")
    # Someone else's contact gives 404, as everywhere; anything else is the
    # form's to refuse.
    if about.isascii() and about.isdigit() and len(about) < 19:
        permissions.get_pairing_for_concern(request.user, program, int(about))
    pairings = selectors.pairings_for_concern(supporter=request.user, program=program)
    form = ConcernForm(request.POST or None, pairings=pairings)
    if request.method == "POST" and form.is_valid():
        try:
            concern = concern_services.concern_raise(
                program=program,
                by=request.user,
                pairing=form.pairing(),
                first_name=form.cleaned_data["first_name"],
                reach=form.cleaned_data["reach"],
                contact_detail=form.cleaned_data["contact_detail"],
                urgency=form.cleaned_data["urgency"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Your concern has been sent."))
            return HttpResponseRedirect(reverse("concerns:detail", args=[concern.pk]))
    concerns = selectors.concern_list_for_supporter(
        supporter=request.user, program=program
    )
    _log_concern_reads(request, program, concerns)
    context = {
        "program": program,
        "form": form,
        "concerns": concerns,
        "shift": selectors.shift_at(program=program, at=timezone.now()),
    }
    return render(request, "concerns/raise.html", context)


@login_required
@require_GET
def concern_detail(request: HttpRequest, concern_id: int) -> HttpResponse:
    concern = permissions.get_concern_for_user(request.user, concern_id)
    _log_concern_reads(request, concern.program, [concern])
    context = {
        "concern": concern,
        "program": concern.program,
        "alerts": concern.alerts.select_related("recipient").filter(
            sent_at__isnull=False
        ),
        "waiting_alerts": concern.alerts.filter(sent_at__isnull=True).count(),
        "manages": permissions.can_manage_concerns(request.user, concern.program),
    }
    return render(request, "concerns/detail.html", context)


@login_required
@require_POST
def concern_acknowledge(request: HttpRequest, concern_id: int) -> HttpResponse:
    concern = permissions.get_concern_for_user(request.user, concern_id)
    return attempt(
        request,
        lambda: concern_services.concern_acknowledge(concern=concern, by=request.user),
        success=_("Thank you. The peer supporter can see that you are taking it."),
        then=reverse("concerns:detail", args=[concern.pk]),
    )


@login_required
@require_POST
def concern_close(request: HttpRequest, concern_id: int) -> HttpResponse:
    concern = permissions.get_concern_for_user(request.user, concern_id)
    return attempt(
        request,
        lambda: concern_services.concern_close(concern=concern, by=request.user),
        success=_("The concern is closed."),
        then=reverse("concerns:detail", args=[concern.pk]),
    )


@login_required
@require_GET
def concern_list(request: HttpRequest, slug: str) -> HttpResponse:
    program = permissions.get_program_for_manager(request.user, slug)
    concerns = selectors.concern_list(program=program)
    _log_concern_reads(request, program, concerns)
    context = {"program": program, "concerns": concerns}
    return render(request, "concerns/list.html", context)


def _rota_page(
    request: HttpRequest,
    program: Program,
    *,
    shift_form: ShiftForm | None = None,
    order_form: OrderForm | None = None,
) -> HttpResponse:
    now = timezone.now()
    staff = selectors.on_call_staff(program=program)
    order = selectors.escalation_order(program=program)
    current = {step.person_id: step.position for step in order}
    context = {
        "program": program,
        "now_shift": selectors.shift_at(program=program, at=now),
        "next_shift": selectors.shift_next(program=program, at=now),
        "shifts": selectors.shifts_coming(program=program, at=now),
        "order": order,
        "shift_form": shift_form or ShiftForm(staff=staff, zone=program.time_zone),
        "order_form": order_form or OrderForm(staff=staff, current=current),
    }
    return render(request, "concerns/rota.html", context)


@login_required
@require_GET
def rota(request: HttpRequest, slug: str) -> HttpResponse:
    program = permissions.get_program_for_manager(request.user, slug)
    return _rota_page(request, program)


@login_required
@require_POST
def rota_shift_add(request: HttpRequest, slug: str) -> HttpResponse:
    program = permissions.get_program_for_manager(request.user, slug)
    staff = selectors.on_call_staff(program=program)
    form = ShiftForm(request.POST, staff=staff, zone=program.time_zone)
    if form.is_valid():
        try:
            rota_services.shift_add(
                program=program,
                person=form.cleaned_data["person"],
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The shift is on the rota."))
            return HttpResponseRedirect(reverse("concerns:rota", args=[slug]))
    return _rota_page(request, program, shift_form=form)


@login_required
@require_POST
def rota_shift_remove(request: HttpRequest, slug: str, shift_id: int) -> HttpResponse:
    program = permissions.get_program_for_manager(request.user, slug)
    shift = Shift.objects.filter(pk=shift_id, program=program).first()
    if shift is None:
        messages.error(request, _("That shift is no longer on the rota."))
    else:
        rota_services.shift_remove(shift=shift)
        messages.success(request, _("The shift is removed."))
    return HttpResponseRedirect(reverse("concerns:rota", args=[slug]))


@login_required
@require_POST
def rota_order(request: HttpRequest, slug: str) -> HttpResponse:
    program = permissions.get_program_for_manager(request.user, slug)
    staff = selectors.on_call_staff(program=program)
    form = OrderForm(request.POST, staff=staff, current={})
    if form.is_valid():
        try:
            rota_services.escalation_order_set(
                program=program, people=form.cleaned_data["people"]
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The escalation order is saved."))
            return HttpResponseRedirect(reverse("concerns:rota", args=[slug]))
    return _rota_page(request, program, order_form=form)
