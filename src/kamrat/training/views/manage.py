"""Pages for who runs the programme: cohorts, weeks, sessions, attendance."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from kamrat.recruitment.models import ApplicantRead, Call
from kamrat.recruitment.services import applicant_reads_record
from kamrat.support.views.common import attempt

from .. import permissions, selectors
from ..forms import (
    AttendanceForm,
    CohortForm,
    EducationForm,
    EnrolMemberForm,
    SessionForm,
    WeekForm,
    initial_for,
)
from ..models import Enrolment, Session
from ..services import certification, planning
from ..services import enrolment as enrolling
from ..services.common import MAX_WEEKS


def _errors_to(form: Form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def _fields(data: dict) -> planning.SessionFields:
    return planning.SessionFields(
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
        topic=data["topic"],
        place=data["place"],
        leader=data["leader"],
        leader_name=data["leader_name"],
        led_by_peer_supporter=data["led_by_peer_supporter"],
    )


@login_required
@require_GET
def cohorts(request: HttpRequest, slug: str) -> HttpResponse:
    program = permissions.get_program_for_manager(request.user, slug)
    context = {"program": program, "cohorts": selectors.cohorts_for(program=program)}
    return render(request, "training/cohorts.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def cohort_new(request: HttpRequest, slug: str) -> HttpResponse:
    program = permissions.get_program_for_manager(request.user, slug)
    form = CohortForm(request.POST or None, calls=Call.objects.filter(program=program))
    if request.method == "POST" and form.is_valid():
        try:
            cohort = planning.cohort_create(
                program=program, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("The cohort and its weeks are ready."))
            return HttpResponseRedirect(reverse("training:cohort", args=[cohort.pk]))
    return render(
        request, "training/cohort_new.html", {"program": program, "form": form}
    )


@login_required
@require_GET
def cohort_detail(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = permissions.get_cohort_for_manager(request.user, cohort_id)
    standings = selectors.standings(cohort=cohort, now=timezone.now())
    context = {
        "program": cohort.program,
        "cohort": cohort,
        "weeks": selectors.schedule(cohort=cohort),
        "standings": [
            s for s in standings if s.enrolment.status != Enrolment.Status.WITHDRAWN
        ],
        "withdrawn": [
            s for s in standings if s.enrolment.status == Enrolment.Status.WITHDRAWN
        ],
        "now": timezone.now(),
    }
    return render(request, "training/cohort.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def week(request: HttpRequest, cohort_id: int, number: int) -> HttpResponse:
    cohort = permissions.get_cohort_for_manager(request.user, cohort_id)
    found = cohort.weeks.filter(number=number).first() if number <= MAX_WEEKS else None
    if found is None:
        raise Http404
    form = WeekForm(
        request.POST or None,
        initial={
            "kind": found.kind,
            "theme": found.theme,
            "material_sv": found.material_sv,
            "material_da": found.material_da,
            "material_en": found.material_en,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            planning.week_update(week=found, **form.cleaned_data)
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("The week is saved."))
            return HttpResponseRedirect(reverse("training:cohort", args=[cohort.pk]))
    first, last = selectors.week_dates(starts_on=cohort.starts_on, number=found.number)
    context = {
        "program": cohort.program,
        "cohort": cohort,
        "week": found,
        "first": first,
        "last": last,
        "form": form,
    }
    return render(request, "training/week.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = permissions.get_cohort_for_manager(request.user, cohort_id)
    form = SessionForm(
        request.POST or None,
        zone=cohort.program.time_zone,
        leaders=selectors.possible_leaders(program=cohort.program),
        initial={"day": cohort.starts_on},
    )
    if request.method == "POST" and form.is_valid():
        try:
            planning.session_add(cohort=cohort, fields=_fields(form.cleaned_data))
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("The session is added to the schedule."))
            return HttpResponseRedirect(reverse("training:cohort", args=[cohort.pk]))
    context = {"program": cohort.program, "cohort": cohort, "form": form}
    return render(request, "training/session_new.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_detail(request: HttpRequest, training_session_id: int) -> HttpResponse:
    """Change the session, or with action=cancel, cancel it."""
    session = permissions.get_session_for_manager(request.user, training_session_id)
    cohort = session.cohort
    here = reverse("training:session", args=[session.pk])
    if request.method == "POST" and request.POST.get("action") == "cancel":
        return attempt(
            request,
            lambda: planning.session_cancel(session=session),
            success=_("The session is cancelled. Calendars show it as cancelled."),
            then=here,
        )
    zone = cohort.program.time_zone
    form = SessionForm(
        request.POST if request.method == "POST" else None,
        zone=zone,
        leaders=selectors.possible_leaders(program=cohort.program),
        initial=initial_for(session, zone),
    )
    if request.method == "POST" and form.is_valid():
        try:
            planning.session_update(session=session, fields=_fields(form.cleaned_data))
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(
                request, _("The session is saved. Calendars update by themselves.")
            )
            return HttpResponseRedirect(here)
    if request.method == "POST":
        session = Session.objects.select_related("cohort__program", "leader").get(
            pk=session.pk
        )
    context = {
        "program": cohort.program,
        "cohort": cohort,
        "session": session,
        "form": form,
        "has_started": session.starts_at <= timezone.now(),
    }
    return render(request, "training/session.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, training_session_id: int) -> HttpResponse:
    session = permissions.get_session_for_manager(request.user, training_session_id)
    cohort = session.cohort
    enrolments = list(
        cohort.enrolments.exclude(status=Enrolment.Status.WITHDRAWN).select_related(
            "user"
        )
    )
    current = dict(session.attendance.values_list("enrolment_id", "attended"))
    form = AttendanceForm(
        request.POST if request.method == "POST" else None,
        enrolments=enrolments,
        current=current,
    )
    if request.method == "POST" and form.is_valid():
        try:
            enrolling.attendance_record(session=session, attendance=form.attendance())
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("Attendance is saved."))
            return HttpResponseRedirect(reverse("training:cohort", args=[cohort.pk]))
    context = {
        "program": cohort.program,
        "cohort": cohort,
        "session": session,
        "form": form,
        "has_started": session.starts_at <= timezone.now(),
    }
    return render(request, "training/attendance.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """Enrol everyone accepted through the call, or one person already here."""
    cohort = permissions.get_cohort_for_manager(request.user, cohort_id)
    here = reverse("training:enrol", args=[cohort.pk])
    people = selectors.enrollable_members(cohort=cohort)
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "call":
        return attempt(
            request,
            lambda: enrolling.enrol_from_call(cohort=cohort, by=request.user),
            success=_(
                "They are in the training. Each gets an email with how to sign in."
            ),
            then=reverse("training:cohort", args=[cohort.pk]),
        )
    form = EnrolMemberForm(request.POST if action == "member" else None, people=people)
    if action == "member" and form.is_valid():
        try:
            enrolling.enrol_member(
                cohort=cohort, user=form.cleaned_data["person"], by=request.user
            )
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(
                request, _("They are in the training and get an email about it.")
            )
            return HttpResponseRedirect(here)
    waiting = selectors.accepted_waiting(cohort=cohort)
    if waiting:
        # Applicants' names are read here, so the read is kept as in recruitment.
        applicant_reads_record(
            reader=request.user,
            call=cohort.call,
            applications=waiting,
            what=ApplicantRead.What.LIST,
        )
    context = {
        "program": cohort.program,
        "cohort": cohort,
        "waiting": waiting,
        "form": form,
        "has_people": people.exists(),
    }
    return render(request, "training/enrol.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def complete(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """Who completes and who does not, then on confirmation certify them."""
    cohort = permissions.get_cohort_for_manager(request.user, cohort_id)
    then = reverse("training:cohort", args=[cohort.pk])
    if request.method == "POST":
        try:
            result = certification.cohort_complete(cohort=cohort, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return HttpResponseRedirect(reverse("training:complete", args=[cohort.pk]))
        if result.already:
            messages.info(request, _("This training was already completed."))
        else:
            messages.success(
                request,
                ngettext(
                    "The training is completed. %(count)s certificate is issued.",
                    "The training is completed. %(count)s certificates are issued.",
                    len(result.certificates),
                )
                % {"count": len(result.certificates)},
            )
        return HttpResponseRedirect(then)
    standings = [
        s
        for s in selectors.standings(cohort=cohort, now=timezone.now())
        if s.enrolment.status == Enrolment.Status.ENROLLED
    ]
    context = {
        "program": cohort.program,
        "cohort": cohort,
        "completing": [s for s in standings if s.meets],
        "not_completing": [s for s in standings if not s.meets],
        "can_complete": timezone.localdate() >= cohort.ends_on,
    }
    return render(request, "training/complete.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """Asks first, then marks that the person has left the training."""
    enrolment = permissions.get_enrolment_for_manager(request.user, enrolment_id)
    then = reverse("training:cohort", args=[enrolment.cohort_id])
    if request.method == "POST":
        return attempt(
            request,
            lambda: enrolling.enrolment_withdraw(enrolment=enrolment),
            success=_("They have left the training. You can bring them back later."),
            then=then,
        )
    context = {
        "program": enrolment.cohort.program,
        "cohort": enrolment.cohort,
        "enrolment": enrolment,
    }
    return render(request, "training/withdraw.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def education(request: HttpRequest, slug: str) -> HttpResponse:
    program = permissions.get_program_for_manager(request.user, slug)
    form = EducationForm(
        request.POST or None, people=selectors.peer_supporters(program=program)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            certification.continued_education_record(
                program=program,
                people=list(data["people"]),
                title=data["title"],
                organiser=data["organiser"],
                held_on=data["held_on"],
                hours=data["hours"],
                by=request.user,
            )
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("It is on their record."))
            return HttpResponseRedirect(
                reverse("training:education", args=[program.slug])
            )
    context = {
        "program": program,
        "form": form,
        "records": selectors.education_for(program=program)[:200],
    }
    return render(request, "training/education.html", context)
