from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kamrat.programs import selectors as program_selectors

from . import permissions, selectors
from .models import Role


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """One section per programme the person belongs to, shaped by their roles."""
    sections = []
    by_program: dict[int, dict] = {}
    for membership in selectors.membership_list_for_user(user=request.user):
        section = by_program.get(membership.program_id)
        if section is None:
            section = {"program": membership.program, "memberships": []}
            by_program[membership.program_id] = section
            sections.append(section)
        section["memberships"].append(membership)
    for section in sections:
        program = section["program"]
        user = request.user
        section["roles"] = {m.role for m in section["memberships"]}
        section["workplace_memberships"] = [
            m for m in section["memberships"] if m.role == Role.WORKPLACE_CONTACT
        ]
        section["coordinators"] = selectors.coordinator_list(program=program)
        if permissions.can_view_team(user, program):
            section["team"] = selectors.team_list(program=program)
            section["show_contacts"] = permissions.can_view_team_contacts(user, program)
        if permissions.can_view_workplaces(user, program):
            section["workplaces"] = program_selectors.workplace_list(program=program)
        if permissions.can_view_member_counts(user, program):
            section["counts"] = program_selectors.program_role_counts(program=program)
            section["areas"] = program_selectors.area_list(program=program)
    return render(request, "accounts/home.html", {"sections": sections})
