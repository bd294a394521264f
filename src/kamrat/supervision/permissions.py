"""One predicate per question about supervision. Participants never see it."""

from django.http import Http404

from kamrat.accounts.models import Role, User
from kamrat.accounts.permissions import roles_in
from kamrat.programs.models import Program

from .models import SupervisionSession

RUNS_PROGRAM = {Role.COORDINATOR, Role.PROGRAM_ADMIN}


def can_manage_supervision(user: User, program: Program) -> bool:
    """Coordinators and admins plan sessions, set targets and record attendance."""
    if roles_in(user, program.pk) & RUNS_PROGRAM:  # they run the programme
        return True
    return False


def can_view_own_supervision(user: User, program: Program) -> bool:
    """A peer supporter sees their own sessions and record in the programme."""
    if Role.PEER_SUPPORTER in roles_in(user, program.pk):  # supporters only
        return True
    return False


def can_view_supervisionsession(user: User, session: SupervisionSession) -> bool:
    """A session's page, with everyone invited, is for who runs the programme."""
    if roles_in(user, session.program_id) & RUNS_PROGRAM:
        return True
    return False


def get_program_for_manager(user: User, slug: str) -> Program:
    """404 both when missing and when not theirs, so slugs reveal nothing."""
    program = Program.objects.filter(slug=slug).first()
    if program is None or not can_manage_supervision(user, program):
        raise Http404
    return program


def get_program_for_supporter(user: User, slug: str) -> Program:
    program = Program.objects.filter(slug=slug).first()
    if program is None or not can_view_own_supervision(user, program):
        raise Http404
    return program


def get_session_for_manager(user: User, session_id: int) -> SupervisionSession:
    session = (
        SupervisionSession.objects.select_related("program", "supervisor")
        .filter(pk=session_id)
        .first()
    )
    if session is None or not can_view_supervisionsession(user, session):
        raise Http404
    return session
