from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kamrat.support.views.common import attempt

from . import permissions, selectors, services
from .forms import (
    AttendanceForm,
    SessionForm,
    TargetsForm,
    WhenWhereForm,
    initial_when_where,
)
from .models import SupervisionSession


def _errors_to(form: Form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@login_required
@require_GET
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    program = permissions.get_program_for_manager(request.user, slug)
    context = {
        "program": program,
        "targets": selectors.targets_for(program=program),
        "standings": selectors.standings(program=program),
        "ahead": selectors.sessions_ahead(program=program),
        "to_record": selectors.sessions_to_record(program=program),
    }
    return render(request, "supervision/overview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest, slug: str) -> HttpResponse:
    program = permissions.get_program_for_manager(request.user, slug)
    current = selectors.targets_for(program=program)
    form = TargetsForm(
        request.POST or None,
        initial={
            "group_weeks": current.group_weeks,
            "individual_weeks": current.individual_weeks,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.targets_set(program=program, **form.cleaned_data)
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("The targets are saved."))
            return HttpResponseRedirect(reverse("supervision:overview", args=[slug]))
    return render(
        request, "supervision/targets.html", {"program": program, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest, slug: str) -> HttpResponse:
    program = permissions.get_program_for_manager(request.user, slug)
    form = SessionForm(
        request.POST or None,
        zone=program.time_zone,
        supervisors=selectors.possible_supervisors(program=program),
        supporters=selectors.peer_supporters(program=program),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.session_create(
                program=program,
                kind=data["kind"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                supporters=list(data["supporters"]),
                by=request.user,
                supervisor=data["supervisor"],
                supervisor_name=data["supervisor_name"],
                place=data["place"],
                video=data["video"],
            )
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("The session is planned and invitations sent."))
            return HttpResponseRedirect(
                reverse("supervision:session", args=[session.pk])
            )
    return render(request, "supervision/new.html", {"program": program, "form": form})


def _session_page(
    request: HttpRequest,
    session: SupervisionSession,
    *,
    move_form: WhenWhereForm | None = None,
    attendance_form: AttendanceForm | None = None,
) -> HttpResponse:
    zone = session.program.time_zone
    invitations = list(session.invitations.select_related("supporter"))
    context = {
        "program": session.program,
        "session": session,
        "invitations": invitations,
        "video_url": services.video_url(session),
        "move_form": move_form
        or WhenWhereForm(initial=initial_when_where(session, zone), zone=zone),
        "attendance_form": attendance_form or AttendanceForm(invitations=invitations),
    }
    return render(request, "supervision/session.html", context)


@login_required
@require_GET
def session_detail(request: HttpRequest, supervision_id: int) -> HttpResponse:
    session = permissions.get_session_for_manager(request.user, supervision_id)
    return _session_page(request, session)


@login_required
@require_POST
def session_move(request: HttpRequest, supervision_id: int) -> HttpResponse:
    session = permissions.get_session_for_manager(request.user, supervision_id)
    form = WhenWhereForm(request.POST, zone=session.program.time_zone)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.session_move(
                session=session,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                place=data["place"],
                video=data["video"],
            )
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("The session is moved and everyone is told."))
            return HttpResponseRedirect(
                reverse("supervision:session", args=[session.pk])
            )
    session.refresh_from_db()
    return _session_page(request, session, move_form=form)


@login_required
@require_POST
def session_cancel(request: HttpRequest, supervision_id: int) -> HttpResponse:
    session = permissions.get_session_for_manager(request.user, supervision_id)
    return attempt(
        request,
        lambda: services.session_cancel(session=session),
        success=_("The session is cancelled and everyone is told."),
        then=reverse("supervision:session", args=[session.pk]),
    )


@login_required
@require_POST
def session_attendance(request: HttpRequest, supervision_id: int) -> HttpResponse:
    session = permissions.get_session_for_manager(request.user, supervision_id)
    invitations = list(session.invitations.select_related("supporter"))
    form = AttendanceForm(request.POST, invitations=invitations)
    if form.is_valid():
        try:
            services.attendance_record(session=session, attendance=form.attendance())
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("Attendance is saved."))
            return HttpResponseRedirect(
                reverse("supervision:session", args=[session.pk])
            )
    return _session_page(request, session, attendance_form=form)


@login_required
@require_GET
def mine(request: HttpRequest, slug: str) -> HttpResponse:
    program = permissions.get_program_for_supporter(request.user, slug)
    context = {
        "program": program,
        "ahead": [
            (s, services.video_url(s))
            for s in selectors.own_sessions_ahead(
                supporter=request.user, program=program
            )
        ],
        "record": selectors.own_record(supporter=request.user, program=program),
        "targets": selectors.targets_for(program=program),
    }
    return render(request, "supervision/mine.html", context)
