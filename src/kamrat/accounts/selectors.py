from typing import Any

from django.db.models import Count

from kamrat.programs.models import Area, Program, Workplace

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
    """What the home page shows per programme: only what the person's roles allow.

    A fixed number of queries whatever the number of programmes, team members
    or workplaces: each kind of row is read once for all programmes.
    """
    own = membership_list_for_user(user=user)
    permissions.remember_roles(user, own)
    sections: dict[int, dict[str, Any]] = {}
    for membership in own:
        section = sections.setdefault(
            membership.program_id,
            {"program": membership.program, "memberships": [], "roles": set()},
        )
        section["memberships"].append(membership)
        section["roles"].add(membership.role)
    for section in sections.values():
        program = section["program"]
        section["show_team"] = permissions.can_view_team(user, program)
        section["show_contacts"] = permissions.can_view_team_contacts(user, program)
        section["show_workplaces"] = permissions.can_view_workplaces(user, program)
        section["show_counts"] = permissions.can_view_member_counts(user, program)
    ids = list(sections)
    team = (
        Membership.objects.active()
        .filter(program_id__in=ids, role__in=TEAM_ROLES)
        .select_related("user")
        .order_by("role", "user__name")
    )
    for membership in team:
        section = sections[membership.program_id]
        if membership.role == Role.COORDINATOR:
            section.setdefault("coordinators", []).append(membership)
        if section["show_team"]:
            section.setdefault("team", []).append(membership)
    counted = [pid for pid, section in sections.items() if section["show_counts"]]
    if counted:
        for pid, role, n in (
            Membership.objects.active()
            .filter(program_id__in=counted)
            .values_list("program_id", "role")
            .annotate(n=Count("id"))
            .order_by()
        ):
            sections[pid].setdefault("counts", dict.fromkeys(Role.values, 0))[role] = n
        for area in Area.objects.filter(program_id__in=counted):
            sections[area.program_id].setdefault("areas", []).append(area)
    shown = [pid for pid, section in sections.items() if section["show_workplaces"]]
    for workplace in Workplace.objects.filter(program_id__in=shown).select_related(
        "area"
    ):
        sections[workplace.program_id].setdefault("workplaces", []).append(workplace)
    return list(sections.values())
