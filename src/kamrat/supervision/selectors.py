"""Reads for supervision pages: sessions, targets and who is overdue."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from kamrat.accounts.models import Membership, Role, User
from kamrat.programs.models import Program

from .models import Invitation, Kind, SupervisionSession, Targets


def targets_for(*, program: Program) -> Targets:
    """The programme's targets; the defaults until a coordinator saves their own."""
    found = Targets.objects.filter(program=program).first()
    return found or Targets(program=program)


def peer_supporters(*, program: Program) -> QuerySet[User]:
    """Everyone who is an active peer supporter of the programme."""
    ids = Membership.objects.active().filter(program=program, role=Role.PEER_SUPPORTER)
    return User.objects.filter(pk__in=ids.values("user_id")).order_by("name")


def possible_supervisors(*, program: Program) -> QuerySet[User]:
    """Staff of the programme who can lead supervision."""
    ids = Membership.objects.active().filter(
        program=program,
        role__in=[Role.COORDINATOR, Role.PROGRAM_ADMIN, Role.PEER_SUPPORTER],
    )
    return User.objects.filter(pk__in=ids.values("user_id")).order_by("name")


def sessions_ahead(*, program: Program) -> QuerySet[SupervisionSession]:
    return (
        SupervisionSession.objects.filter(
            program=program,
            ends_at__gt=timezone.now(),
            status=SupervisionSession.Status.SCHEDULED,
        )
        .select_related("supervisor")
        .prefetch_related("invitations__supporter")
    )


def sessions_to_record(*, program: Program) -> QuerySet[SupervisionSession]:
    """Started sessions where someone's attendance is still not written down."""
    return (
        SupervisionSession.objects.filter(
            program=program,
            starts_at__lte=timezone.now(),
            status=SupervisionSession.Status.SCHEDULED,
            invitations__attendance=Invitation.Attendance.UNKNOWN,
        )
        .distinct()
        .select_related("supervisor")
        .order_by("-starts_at")
    )


@dataclass(frozen=True)
class Standing:
    """One peer supporter's latest attended supervision of each kind."""

    supporter: User
    last_group: datetime | None
    last_individual: datetime | None
    group_overdue: bool
    individual_overdue: bool

    @property
    def overdue(self) -> bool:
        return self.group_overdue or self.individual_overdue


def _is_overdue(last: datetime | None, weeks: int, now: datetime) -> bool:
    # Overdue once more than the target has passed since the last attended start.
    return last is None or now - last > timedelta(weeks=weeks)


def standings(*, program: Program) -> list[Standing]:
    """Every peer supporter, overdue ones first, then by name."""
    now = timezone.now()
    targets = targets_for(program=program)
    attended = Invitation.objects.filter(
        session__program=program,
        session__status=SupervisionSession.Status.SCHEDULED,
        attendance=Invitation.Attendance.ATTENDED,
    )
    lasts = {
        row["supporter"]: row
        for row in attended.values("supporter").annotate(
            group=Max("session__starts_at", filter=Q(session__kind=Kind.GROUP)),
            individual=Max(
                "session__starts_at", filter=Q(session__kind=Kind.INDIVIDUAL)
            ),
        )
    }
    rows = []
    for supporter in peer_supporters(program=program):
        last = lasts.get(supporter.pk, {})
        group, individual = last.get("group"), last.get("individual")
        rows.append(
            Standing(
                supporter=supporter,
                last_group=group,
                last_individual=individual,
                group_overdue=_is_overdue(group, targets.group_weeks, now),
                individual_overdue=_is_overdue(
                    individual, targets.individual_weeks, now
                ),
            )
        )
    rows.sort(key=lambda s: (not s.overdue, s.supporter.name))
    return rows


def own_sessions_ahead(
    *, supporter: User, program: Program
) -> QuerySet[SupervisionSession]:
    return SupervisionSession.objects.filter(
        program=program,
        invitations__supporter=supporter,
        ends_at__gt=timezone.now(),
        status=SupervisionSession.Status.SCHEDULED,
    ).select_related("supervisor", "program")


def own_record(*, supporter: User, program: Program) -> QuerySet[SupervisionSession]:
    """The sessions the supporter attended, newest first."""
    return SupervisionSession.objects.filter(
        program=program,
        invitations__supporter=supporter,
        invitations__attendance=Invitation.Attendance.ATTENDED,
        status=SupervisionSession.Status.SCHEDULED,
    ).order_by("-starts_at")
