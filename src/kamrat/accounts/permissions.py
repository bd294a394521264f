"""One predicate per question. Each returns False unless a rule grants access."""

import rules

from kamrat.programs.models import Program

from .models import Membership, Role, User


def _roles_in(user: User, program: Program) -> set[str]:
    return roles_in(user, program.pk)


def roles_in(user: User, program_id: int) -> set[str]:
    """The person's active roles in a programme, read once per request."""
    if not user.is_authenticated:
        return set()
    cache = getattr(user, "_kamrat_roles", None)
    if cache is None:
        cache = {}
        for member_of, role in (
            Membership.objects.active()
            .filter(user=user)
            .values_list("program_id", "role")
        ):
            cache.setdefault(member_of, set()).add(role)
        user._kamrat_roles = cache
    return cache.get(program_id, set())


def remember_roles(user: User, memberships: list[Membership]) -> None:
    """Seed the per-request role cache from memberships already read."""
    cache: dict[int, set[str]] = {}
    for membership in memberships:
        if membership.is_active:
            cache.setdefault(membership.program_id, set()).add(membership.role)
    user._kamrat_roles = cache


@rules.predicate
def can_view_team(user: User, program: Program) -> bool:
    """Staff of the programme see who is on the team and how to reach them."""
    roles = _roles_in(user, program)
    if roles & {Role.COORDINATOR, Role.PROGRAM_ADMIN}:  # they run the programme
        return True
    if Role.PEER_SUPPORTER in roles:  # colleagues see colleagues
        return True
    return False


@rules.predicate
def can_view_team_contacts(user: User, program: Program) -> bool:
    """Email addresses of the team are for those who run the programme."""
    roles = _roles_in(user, program)
    if roles & {Role.COORDINATOR, Role.PROGRAM_ADMIN}:
        return True
    return False


@rules.predicate
def can_view_member_counts(user: User, program: Program) -> bool:
    """Counts per role (never names) help those who run the programme plan."""
    roles = _roles_in(user, program)
    if roles & {Role.COORDINATOR, Role.PROGRAM_ADMIN}:
        return True
    return False


@rules.predicate
def can_view_workplaces(user: User, program: Program) -> bool:
    """Workplaces are no secret to anyone who belongs to the programme."""
    if _roles_in(user, program):
        return True
    return False


rules.add_perm("programs.view_team", can_view_team)
rules.add_perm("programs.view_team_contacts", can_view_team_contacts)
rules.add_perm("programs.view_member_counts", can_view_member_counts)
rules.add_perm("programs.view_workplaces", can_view_workplaces)


def all_roles(user: User) -> set[str]:
    """Every active role the person holds in any programme (same cached read)."""
    roles_in(user, 0)
    return set().union(*getattr(user, "_kamrat_roles", {}).values())


def must_use_two_factor(user: User) -> bool:
    """Those who can read many people's data must sign in with a second factor."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:  # the admin site reaches everything
        return True
    if all_roles(user) & {Role.COORDINATOR, Role.PROGRAM_ADMIN}:  # they run a
        return True  # programme: its queue, requests and everyone's contacts
    return False
