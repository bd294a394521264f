"""Demo on-call rotas, and one answered concern to look at."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from kamrat.accounts.models import Role, User
from kamrat.programs.models import Program
from kamrat.support.models import Pairing

from .models import Concern, ConcernAlert, EscalationStep, Shift

# The programmes the browser tests sign in to (sv/en and da) get a concern.
WITH_CONCERN = ("unga-vuxna", "peer-hovedstaden")


def concerns_load(*, program: Program, people: dict[str, list[User]]) -> None:
    """This week's rota: coordinators by day, the admin at night; then the order."""
    coordinators = people.get(Role.COORDINATOR, [])
    admins = people.get(Role.PROGRAM_ADMIN, [])
    staff = coordinators + admins
    if not staff:
        return
    zone = ZoneInfo(program.time_zone)
    today = timezone.now().astimezone(zone).date()
    monday = today - timedelta(days=today.weekday())
    shifts = []
    for offset in range(8):
        day = monday + timedelta(days=offset - 1)
        morning = datetime.combine(day, time(8), tzinfo=zone)
        evening = datetime.combine(day, time(20), tzinfo=zone)
        next_morning = datetime.combine(day + timedelta(days=1), time(8), tzinfo=zone)
        day_person = (coordinators or staff)[offset % len(coordinators or staff)]
        night_person = (admins or staff)[offset % len(admins or staff)]
        shifts.append(
            Shift(
                program=program, person=day_person, starts_at=morning, ends_at=evening
            )
        )
        shifts.append(
            Shift(
                program=program,
                person=night_person,
                starts_at=evening,
                ends_at=next_morning,
            )
        )
    Shift.objects.bulk_create(shifts)
    EscalationStep.objects.bulk_create(
        EscalationStep(program=program, person=person, position=index)
        for index, person in enumerate(staff, start=1)
    )
    if program.slug in WITH_CONCERN:
        _answered_concern(program=program, people=people, coordinators=staff)


def _answered_concern(
    *, program: Program, people: dict[str, list[User]], coordinators: list[User]
) -> None:
    supporters = people.get(Role.PEER_SUPPORTER, [])
    if not supporters:
        return
    supporter = supporters[0]
    pairing = Pairing.objects.filter(
        program=program, supporter=supporter, status=Pairing.Status.ACTIVE
    ).first()
    raised_at = timezone.now() - timedelta(days=2, hours=3)
    answerer = coordinators[0]
    concern = Concern.objects.create(
        program=program,
        raised_by=supporter,
        raised_at=raised_at,
        pairing=pairing,
        participant=pairing.participant if pairing else None,
        first_name="" if pairing else "Alex",
        reach=Concern.Reach.SUPPORTER,
        urgency=Concern.Urgency.HOURS,
        status=Concern.Status.ACKNOWLEDGED,
        ladder=[answerer.pk],
        step=1,
        acknowledged_by=answerer,
        acknowledged_at=raised_at + timedelta(minutes=6),
    )
    ConcernAlert.objects.create(
        concern=concern,
        recipient=answerer,
        step=1,
        created_at=raised_at,
        sent_at=raised_at + timedelta(seconds=20),
        attempts=1,
    )
