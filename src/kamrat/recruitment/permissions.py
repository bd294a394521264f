"""One predicate per question about calls and applications."""

from django.http import Http404

from kamrat.accounts.models import Role, User
from kamrat.accounts.permissions import roles_in
from kamrat.programs.models import Program

from .models import Application, Call

RUNS_PROGRAM = {Role.COORDINATOR, Role.PROGRAM_ADMIN}


def can_manage_calls(user: User, program: Program) -> bool:
    """Coordinators and programme admins open calls and choose applicants."""
    if roles_in(user, program.pk) & RUNS_PROGRAM:
        return True
    return False


def can_manage_call(user: User, call: Call) -> bool:
    if roles_in(user, call.program_id) & RUNS_PROGRAM:
        return True
    return False


def can_view_call(user: User, call: Call) -> bool:
    """The pipeline: only who runs the call's programme."""
    return can_manage_call(user, call)


def can_view_application(user: User, application: Application) -> bool:
    if roles_in(user, application.call.program_id) & RUNS_PROGRAM:
        return True
    return False


def can_see_public_call(call: Call) -> bool:
    """Anyone, signed in or not, may read a call of a public programme."""
    return call.program.is_public


def get_public_program(slug: str) -> Program:
    program = Program.objects.public().filter(slug=slug).first()
    if program is None:
        raise Http404
    return program


def get_public_call(call_id: int) -> Call:
    call = Call.objects.select_related("program").filter(pk=call_id).first()
    if call is None or not can_see_public_call(call):
        raise Http404
    return call


def get_program_for_manager(user: User, slug: str) -> Program:
    """404 both when missing and when not theirs, so slugs reveal nothing."""
    program = Program.objects.filter(slug=slug).first()
    if program is None or not can_manage_calls(user, program):
        raise Http404
    return program


def get_call_for_manager(user: User, call_id: int) -> Call:
    call = Call.objects.select_related("program").filter(pk=call_id).first()
    if call is None or not can_manage_call(user, call):
        raise Http404
    return call


def get_application_for_manager(user: User, application_id: int) -> Application:
    application = (
        Application.objects.select_related("call__program")
        .filter(pk=application_id)
        .first()
    )
    if application is None or not can_view_application(user, application):
        raise Http404
    return application
