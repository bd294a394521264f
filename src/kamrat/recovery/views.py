from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kamrat.accounts.models import Membership, Role
from kamrat.privacy.consents import consent_given, consent_text_current
from kamrat.privacy.models import AccessEntry, ConsentKind
from kamrat.privacy.services import access_log
from kamrat.programs.models import Program
from kamrat.support.models import Pairing

from . import permissions, selectors, services
from .forms import AddForm, ItemForm
from .models import Part


def _plan_url(program: Program, anchor: str = "") -> str:
    url = reverse("recovery:plan", args=[program.slug])
    return f"{url}#{anchor}" if anchor else url


def _run(request: HttpRequest, action, *, success: str, then: str) -> HttpResponse:
    """Run a service; a broken rule shows its message and changes nothing."""
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return HttpResponseRedirect(then)


def _form_problem(request: HttpRequest, form, then: str) -> HttpResponse:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, f"{error} {_('Nothing was saved.')}")
    return HttpResponseRedirect(then)


@login_required
@require_GET
def plans(request: HttpRequest) -> HttpResponse:
    """The person's plans, one per programme they take part in."""
    programs = [
        m.program
        for m in Membership.objects.active()
        .filter(user=request.user, role=Role.PARTICIPANT)
        .select_related("program")
    ]
    if len(programs) == 1:
        return HttpResponseRedirect(_plan_url(programs[0]))
    return render(request, "recovery/plans.html", {"programs": programs})


def _plan_context(request: HttpRequest, program: Program) -> dict:
    plan = selectors.plan_for_participant(participant=request.user, program=program)
    items = selectors.plan_items(plan=plan)
    language = (translation.get_language() or "en")[:2]
    text = consent_text_current(program=program, kind=ConsentKind.RECOVERY_PLAN)
    return {
        "program": program,
        "sections": selectors.plan_sections(items=items),
        "is_empty": not items,
        "sharing": consent_given(request.user, program, ConsentKind.RECOVERY_PLAN),
        "consent_text": text.text(language) if text else "",
        "has_supporter": Pairing.objects.filter(
            program=program,
            participant=request.user,
            status__in=permissions.SHARING_PAIRING_STATES,
        ).exists(),
        "step_label": selectors.step_hint()[0],
        "step_hint": selectors.step_hint()[1],
    }


@login_required
@require_GET
def plan(request: HttpRequest, slug: str) -> HttpResponse:
    program = permissions.get_program_for_plan(request.user, slug)
    return render(request, "recovery/plan.html", _plan_context(request, program))


@login_required
@require_GET
def plan_print(request: HttpRequest, slug: str) -> HttpResponse:
    """The whole plan on paper; the browser's own print does the rest."""
    program = permissions.get_program_for_plan(request.user, slug)
    return render(request, "recovery/print.html", _plan_context(request, program))


@login_required
@require_POST
def item_add(request: HttpRequest, slug: str, part: str) -> HttpResponse:
    program = permissions.get_program_for_plan(request.user, slug)
    if part not in Part.values or part == Part.STEP:
        raise Http404
    then = _plan_url(program, f"part-{part}")
    form = AddForm(request.POST)
    if not form.is_valid():
        return _form_problem(request, form, then)
    return _run(
        request,
        lambda: services.item_add(
            participant=request.user,
            program=program,
            part=part,
            text=form.cleaned_data["text"],
            shared=form.cleaned_data["shared"],
        ),
        success=_("Added to your plan."),
        then=then,
    )


@login_required
@require_POST
def step_add(request: HttpRequest, item_id: int) -> HttpResponse:
    goal = permissions.get_item_for_owner(request.user, item_id)
    if goal.part != Part.GOAL:
        raise Http404
    program = goal.plan.program
    then = _plan_url(program, f"item-{goal.pk}")
    form = AddForm(request.POST)
    if not form.is_valid():
        return _form_problem(request, form, then)
    return _run(
        request,
        lambda: services.item_add(
            participant=request.user,
            program=program,
            part=Part.STEP,
            text=form.cleaned_data["text"],
            shared=form.cleaned_data["shared"],
            goal=goal,
        ),
        success=_("Added to your plan."),
        then=then,
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    item = permissions.get_item_for_owner(request.user, item_id)
    program = item.plan.program
    if request.method == "POST":
        form = ItemForm(request.POST)
        if form.is_valid():
            try:
                services.item_change(
                    item=item,
                    text=form.cleaned_data["text"],
                    shared=form.cleaned_data["shared"],
                )
            except ValidationError as error:
                form.add_error("text", error)
            else:
                messages.success(request, _("Saved."))
                return HttpResponseRedirect(_plan_url(program, f"item-{item.pk}"))
    else:
        view = next(
            v for v in _flatten(selectors.plan_items(plan=item.plan)) if v.id == item.pk
        )
        form = ItemForm(initial={"text": view.text, "shared": view.shared})
    context = {
        "program": program,
        "item": item,
        "form": form,
        "part_label": Part(item.part).label,
    }
    return render(request, "recovery/item_edit.html", context)


def _flatten(items: list[selectors.ItemView]) -> list[selectors.ItemView]:
    return [v for item in items for v in (item, *item.steps)]


ACTIONS = {
    "up": (lambda item: services.item_move(item=item, up=True), gettext_lazy("Moved.")),
    "down": (
        lambda item: services.item_move(item=item, up=False),
        gettext_lazy("Moved."),
    ),
    "share": (
        lambda item: services.item_share(item=item, shared=True),
        gettext_lazy("Your peer supporter may see this."),
    ),
    "unshare": (
        lambda item: services.item_share(item=item, shared=False),
        gettext_lazy("Only you can see this now."),
    ),
    "done": (
        lambda item: services.step_mark(item=item, done=True),
        gettext_lazy("Well done."),
    ),
    "undone": (
        lambda item: services.step_mark(item=item, done=False),
        gettext_lazy("Marked as not done yet."),
    ),
    "remove": (lambda item: services.item_remove(item=item), gettext_lazy("Removed.")),
}


@login_required
@require_POST
def item_action(request: HttpRequest, item_id: int, action: str) -> HttpResponse:
    item = permissions.get_item_for_owner(request.user, item_id)
    if action not in ACTIONS:
        raise Http404
    run, success = ACTIONS[action]
    anchor = f"part-{item.part}" if action == "remove" else f"item-{item.pk}"
    if action == "remove" and item.goal_id:
        anchor = f"item-{item.goal_id}"
    then = _plan_url(item.plan.program, anchor)
    return _run(request, lambda: run(item), success=str(success), then=then)


@login_required
@require_POST
def sharing(request: HttpRequest, slug: str) -> HttpResponse:
    """Turn sharing on or off; either way it is a consent event the person can see."""
    program = permissions.get_program_for_plan(request.user, slug)
    shared = request.POST.get("shared")
    if shared not in ("on", "off"):
        messages.error(request, _("Please choose again. Nothing was changed."))
        return HttpResponseRedirect(_plan_url(program, "sharing"))
    return _run(
        request,
        lambda: services.plan_sharing_set(
            participant=request.user, program=program, shared=shared == "on"
        ),
        success=(
            _("Your peer supporter can now see the parts you share.")
            if shared == "on"
            else _("Sharing is off. Your peer supporter sees nothing of your plan.")
        ),
        then=_plan_url(program, "sharing"),
    )


@login_required
@require_GET
def shared_plan(request: HttpRequest, pairing_id: int) -> HttpResponse:
    """What a participant shares with their peer supporter; each view is logged."""
    pairing = permissions.get_pairing_for_plan_reader(request.user, pairing_id)
    context = {"pairing": pairing, "program": pairing.program, "shared": False}
    if permissions.can_read_shared_plan(request.user, pairing):
        plan = selectors.plan_for_participant(
            participant=pairing.participant, program=pairing.program
        )
        items = selectors.plan_items(plan=plan, shared_only=True)
        access_log(
            reader=request.user,
            participants=[pairing.participant],
            program=pairing.program,
            what=AccessEntry.What.RECOVERY_PLAN,
            purpose=AccessEntry.Purpose.SUPPORT,
        )
        context.update(
            shared=True,
            is_empty=not items,
            sections=[
                section
                for section in selectors.plan_sections(items=items, for_reader=True)
                if not section.is_empty
            ],
        )
    return render(request, "recovery/shared.html", context)
