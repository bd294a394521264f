from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import permissions, selectors, services
from .forms import ApplyForm, CallForm, StepForm, call_languages
from .models import ApplicantRead, Application, Availability


def _today():
    return timezone.localdate()


@require_GET
def calls_public(request: HttpRequest, slug: str) -> HttpResponse:
    program = permissions.get_public_program(slug)
    calls = selectors.calls_public(program=program, today=_today())
    context = {"program": program, "calls": calls, "today": _today()}
    return render(request, "recruitment/calls_public.html", context)


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, call_id: int) -> HttpResponse:
    call = permissions.get_public_call(call_id)
    is_open = call.is_open(_today())
    form = ApplyForm(request.POST or None)
    if request.method == "POST" and not is_open:
        form.is_valid()
        form.add_error(None, _("This call is closed, so it takes no applications."))
    elif request.method == "POST" and form.is_valid():
        try:
            services.application_submit(call=call, today=_today(), **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            return render(request, "recruitment/applied.html", {"call": call})
    context = {"call": call, "program": call.program, "form": form, "is_open": is_open}
    return render(request, "recruitment/apply.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def calls_manage(request: HttpRequest, slug: str) -> HttpResponse:
    program = permissions.get_program_for_manager(request.user, slug)
    form = CallForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.call_open(
                program=program, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The call is open."))
            return HttpResponseRedirect(reverse("recruitment:pipeline", args=[call.pk]))
    context = {
        "program": program,
        "form": form,
        "calls": selectors.calls_for_program(program=program),
        "languages": call_languages(program),
        "today": _today(),
    }
    return render(request, "recruitment/calls_manage.html", context)


@login_required
@require_GET
def pipeline(request: HttpRequest, call_id: int) -> HttpResponse:
    call = permissions.get_call_for_manager(request.user, call_id)
    step = request.GET.get("step", "")
    step = step if step in Application.Step.values else ""
    applications = list(selectors.applications_in(call=call, step=step or None))
    services.applicant_reads_record(
        reader=request.user,
        call=call,
        applications=applications,
        what=ApplicantRead.What.LIST,
    )
    context = {
        "call": call,
        "program": call.program,
        "counts": selectors.step_counts(call=call),
        "total": call.applications.count(),
        "step": step,
        "applications": applications,
        "steps": Application.Step.choices,
    }
    return render(request, "recruitment/pipeline.html", context)


@login_required
@require_GET
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    application = permissions.get_application_for_manager(request.user, application_id)
    services.applicant_reads_record(
        reader=request.user,
        call=application.call,
        applications=[application],
        what=ApplicantRead.What.APPLICATION,
    )
    context = {
        "application": application,
        "call": application.call,
        "program": application.call.program,
        "form": StepForm(initial={"step": application.step}),
        "availability": [
            dict(Availability.choices).get(a, a) for a in application.availability
        ],
    }
    return render(request, "recruitment/application.html", context)


@login_required
@require_POST
def application_step(request: HttpRequest, application_id: int) -> HttpResponse:
    application = permissions.get_application_for_manager(request.user, application_id)
    then = reverse("recruitment:application", args=[application.pk])
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the steps."))
        return HttpResponseRedirect(then)
    services.application_step_set(
        application=application, step=form.cleaned_data["step"]
    )
    messages.success(
        request, _("Moved to “%(step)s”.") % {"step": application.get_step_display()}
    )
    return HttpResponseRedirect(then)
