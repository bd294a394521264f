"""Half a year of supervision: monthly groups, individual talks, one time ahead."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from kamrat.accounts.models import Role, User
from kamrat.programs.models import Program

from .models import Invitation, Kind, SupervisionSession, Targets

SUPERVISORS = {"sv": "Maria Holm, psykoterapeut", "da": "Maria Holm, psykoterapeut"}
ROOMS = {"sv": "Samtalsrummet, plan 2", "da": "Samtalerummet, 2. sal"}


def supervision_load(*, program: Program, people: dict[str, list[User]]) -> None:
    supporters = people.get(Role.PEER_SUPPORTER, [])
    coordinators = people.get(Role.COORDINATOR, [])
    if not supporters or not coordinators:
        return
    Targets.objects.get_or_create(program=program)
    zone = ZoneInfo(program.time_zone)
    today = timezone.now().astimezone(zone).date()
    language = program.default_language
    invitations = []

    def session(day, kind: str, hour: int, **fields) -> SupervisionSession:
        starts = datetime.combine(day, time(hour), tzinfo=zone)
        return SupervisionSession.objects.create(
            program=program,
            kind=kind,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2 if kind == Kind.GROUP else 1),
            place=ROOMS.get(language, ""),
            created_by=coordinators[0],
            **fields,
        )

    # Group supervision every four weeks; one person or another is away.
    for round_ in range(6, 0, -1):
        held = session(
            today - timedelta(weeks=4 * round_ - 1),
            Kind.GROUP,
            13,
            supervisor_name=SUPERVISORS.get(language, "Maria Holm"),
        )
        for index, supporter in enumerate(supporters):
            away = (round_ + index) % 4 == 0
            invitations.append(
                Invitation(
                    session=held,
                    supporter=supporter,
                    attendance=(
                        Invitation.Attendance.ABSENT
                        if away
                        else Invitation.Attendance.ATTENDED
                    ),
                )
            )
    # Individual supervision with the coordinator, every other month each.
    for index, supporter in enumerate(supporters):
        for months in (1, 3, 5):
            held = session(
                today - timedelta(weeks=4 * months + index + 1),
                Kind.INDIVIDUAL,
                10,
                supervisor=coordinators[0],
            )
            invitations.append(
                Invitation(
                    session=held,
                    supporter=supporter,
                    attendance=Invitation.Attendance.ATTENDED,
                )
            )
    ahead = session(
        today + timedelta(days=10),
        Kind.GROUP,
        13,
        supervisor_name=SUPERVISORS.get(language, "Maria Holm"),
    )
    invitations.extend(Invitation(session=ahead, supporter=s) for s in supporters)
    Invitation.objects.bulk_create(invitations)
