from typing import Any

from django.core.cache import cache
from django.db.models import Count

from kamrat.programs.models import Area, Workplace

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
    # People in the basic training may hold no role yet; their training is theirs.
    from kamrat.programs.models import Program
    from kamrat.training.selectors import enrolled_program_ids

    trainee_of = enrolled_program_ids(user=user) - set(sections)
    for program in Program.objects.filter(pk__in=trainee_of) if trainee_of else ():
        sections[program.pk] = {"program": program, "memberships": [], "roles": set()}
    for section in sections.values():
        program = section["program"]
        section["show_team"] = permissions.can_view_team(user, program)
        section["show_contacts"] = permissions.can_view_team_contacts(user, program)
        section["show_workplaces"] = permissions.can_view_workplaces(user, program)
        section["show_counts"] = permissions.can_view_member_counts(user, program)
    overviews = program_overviews(program_ids=list(sections))
    for pid, section in sections.items():
        overview = overviews[pid]
        # Someone only in the training meets the trainers; no staff list yet.
        section["coordinators"] = overview["coordinators"] if section["roles"] else []
        if section["show_team"]:
            section["team"] = overview["team"]
        if section["show_counts"]:
            section["counts"] = overview["counts"]
            section["areas"] = overview["areas"]
        if section["show_workplaces"]:
            section["workplaces"] = overview["workplaces"]
    return list(sections.values())


OVERVIEW_VERSION_KEY = "kamrat:overview-version"
OVERVIEW_SECONDS = 60


def home_cache_key(*, user: User) -> str:
    from django.utils import translation

    version = cache.get_or_set(OVERVIEW_VERSION_KEY, 1, None)
    return f"kamrat:home:{version}:{user.pk}:{translation.get_language()}"


def overview_forget() -> None:
    """Cache busting: any change to people, roles, areas or workplaces."""
    try:
        cache.incr(OVERVIEW_VERSION_KEY)
    except ValueError:
        cache.set(OVERVIEW_VERSION_KEY, 1, None)


def program_overviews(*, program_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Team, counts, areas and workplaces per programme, read once and cached.

    Every programme member's home page shows these; they change rarely, and any
    change clears them (see signals.py). Who may see which part is decided by
    the caller, never here.
    """
    version = cache.get_or_set(OVERVIEW_VERSION_KEY, 1, None)
    keys = {pid: f"kamrat:overview:{version}:{pid}" for pid in program_ids}
    found = cache.get_many(list(keys.values()))
    result = {pid: found[key] for pid, key in keys.items() if key in found}
    missing = [pid for pid in program_ids if pid not in result]
    if not missing:
        return result
    fresh: dict[int, dict[str, Any]] = {
        pid: {
            "team": [],
            "coordinators": [],
            "counts": dict.fromkeys(Role.values, 0),
            "areas": [],
            "workplaces": [],
        }
        for pid in missing
    }
    for membership in (
        Membership.objects.active()
        .filter(program_id__in=missing, role__in=TEAM_ROLES)
        .select_related("user")
        .order_by("role", "user__name")
    ):
        overview = fresh[membership.program_id]
        overview["team"].append(membership)
        if membership.role == Role.COORDINATOR:
            overview["coordinators"].append(membership)
    for pid, role, n in (
        Membership.objects.active()
        .filter(program_id__in=missing)
        .values_list("program_id", "role")
        .annotate(n=Count("id"))
        .order_by()
    ):
        fresh[pid]["counts"][role] = n
    for area in Area.objects.filter(program_id__in=missing):
        fresh[area.program_id]["areas"].append(area)
    for workplace in Workplace.objects.filter(program_id__in=missing).select_related(
        "area"
    ):
        fresh[workplace.program_id]["workplaces"].append(workplace)
    cache.set_many({keys[pid]: value for pid, value in fresh.items()}, OVERVIEW_SECONDS)
    return {**result, **fresh}
