from typing import Any

from kamrat.programs import selectors as program_selectors
from kamrat.programs.models import Program

from . import permissions
from .models import Membership, Role, User


def membership_list_for_user(*, user: User) -> list[Membership]:
    """The signed-in person's own active memberships, with what each page needs."""
    return list(
        Membership.objects.active()
        .filter(user=user, program__isnull=False)
        .select_related("program", "workplace")
    )


TEAM_ROLES = (Role.COORDINATOR, Role.PEER_SUPPORTER, Role.PROGRAM_ADMIN)


def team_list(*, program: Program) -> list[Membership]:
    """The programme's staff team: coordinators, admins and peer supporters."""
    return list(
        program.memberships.active()
        .filter(role__in=TEAM_ROLES)
        .select_related("user")
        .order_by("role", "user__name")
    )


def coordinator_list(*, program: Program) -> list[Membership]:
    return list(
        program.memberships.active()
        .filter(role=Role.COORDINATOR)
        .select_related("user")
        .order_by("user__name")
    )


def home_sections_for_user(*, user: User) -> list[dict[str, Any]]:
    """What the home page shows per programme: only what the person's roles allow."""
    sections: dict[int, dict[str, Any]] = {}
    for membership in membership_list_for_user(user=user):
        section = sections.setdefault(
            membership.program_id,
            {"program": membership.program, "memberships": [], "roles": set()},
        )
        section["memberships"].append(membership)
        section["roles"].add(membership.role)
    for section in sections.values():
        program = section["program"]
        section["coordinators"] = coordinator_list(program=program)
        if permissions.can_view_team(user, program):
            section["team"] = team_list(program=program)
            section["show_contacts"] = permissions.can_view_team_contacts(user, program)
        if permissions.can_view_workplaces(user, program):
            section["workplaces"] = program_selectors.workplace_list(program=program)
        if permissions.can_view_member_counts(user, program):
            section["counts"] = program_selectors.program_role_counts(program=program)
            section["areas"] = program_selectors.area_list(program=program)
    return list(sections.values())
