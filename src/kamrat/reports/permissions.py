"""One predicate per question about funder reports."""

from django.http import Http404

from kamrat.accounts.models import Role, User
from kamrat.accounts.permissions import roles_in
from kamrat.programs.models import Program

RUNS_PROGRAM = {Role.COORDINATOR, Role.PROGRAM_ADMIN}


def can_view_report(user: User, program: Program) -> bool:
    """Coordinators and programme admins report to funders; nobody else needs to."""
    if roles_in(user, program.pk) & RUNS_PROGRAM:  # they run the programme
        return True
    return False


def get_program_for_reader(user: User, slug: str) -> Program:
    """404 both when missing and when not theirs, so slugs reveal nothing."""
    program = Program.objects.filter(slug=slug).first()
    if program is None or not can_view_report(user, program):
        raise Http404
    return program
