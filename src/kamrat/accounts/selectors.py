from django.db.models import Prefetch

from kamrat.programs.models import Program

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


def workplace_contact_list(*, program: Program) -> list[Membership]:
    return list(
        program.memberships.active()
        .filter(role=Role.WORKPLACE_CONTACT)
        .select_related("user", "workplace")
        .order_by("workplace__name", "user__name")
    )


def coordinator_list(*, program: Program) -> list[Membership]:
    return list(
        program.memberships.active()
        .filter(role=Role.COORDINATOR)
        .select_related("user")
        .order_by("user__name")
    )


def programs_prefetch() -> Prefetch:
    return Prefetch("memberships", queryset=Membership.objects.active())
