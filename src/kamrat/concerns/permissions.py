"""One predicate per question about urgent concerns and the on-call rota."""

from django.http import Http404

from kamrat.accounts.models import Role, User
from kamrat.accounts.permissions import roles_in
from kamrat.programs.models import Program
from kamrat.support.models import Pairing

from .models import Concern

RUNS_PROGRAM = {Role.COORDINATOR, Role.PROGRAM_ADMIN}
OPEN_FOR_CONCERNS = (Pairing.Status.ACTIVE, Pairing.Status.PAUSED)


def can_manage_concerns(user: User, program: Program) -> bool:
    """Coordinators and admins keep the rota and answer concerns."""
    if roles_in(user, program.pk) & RUNS_PROGRAM:
        return True
    return False


def can_raise_concern(user: User, program: Program) -> bool:
    if Role.PEER_SUPPORTER in roles_in(user, program.pk):  # supporters raise them
        return True
    return False


def can_view_concern(user: User, concern: Concern) -> bool:
    if concern.raised_by_id == user.pk:  # the supporter who raised it
        return True
    if roles_in(user, concern.program_id) & RUNS_PROGRAM:  # who runs the programme
        return True
    return False


def get_program_for_manager(user: User, slug: str) -> Program:
    """404 both when missing and when not theirs, so slugs reveal nothing."""
    program = Program.objects.filter(slug=slug).first()
    if program is None or not can_manage_concerns(user, program):
        raise Http404
    return program


def get_program_for_supporter(user: User, slug: str) -> Program:
    program = Program.objects.filter(slug=slug).first()
    if program is None or not can_raise_concern(user, program):
        raise Http404
    return program


def get_concern_for_user(user: User, concern_id: int) -> Concern:
    concern = (
        Concern.objects.select_related(
            "program", "raised_by", "participant", "acknowledged_by", "closed_by"
        )
        .filter(pk=concern_id)
        .first()
    )
    if concern is None or not can_view_concern(user, concern):
        raise Http404
    return concern


def get_pairing_for_concern(user: User, program: Program, pairing_id: int) -> Pairing:
    """Only the supporter's own active or paused contacts in this programme."""
    pairing = (
        Pairing.objects.select_related("participant")
        .filter(
            pk=pairing_id,
            program=program,
            supporter=user,
            status__in=OPEN_FOR_CONCERNS,
        )
        .first()
    )
    if pairing is None:
        raise Http404
    return pairing
