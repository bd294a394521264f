"""Demo data: a held matching event with placements; the county association's is open.

Where a cohort has finished, its certified peer supporters met the workplaces
at an event a week later and most now work somewhere. The county
association's cohort is still in training, so its event is open for offers.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from kamrat.accounts.models import Role, User
from kamrat.programs.models import Program, Workplace
from kamrat.training.models import Enrolment

from .models import EventMeeting, Interest, MatchingEvent, Offer, Placement
from .services import schedule_build_in_transaction

NSPH = "nsph-norrlanet"

TITLES = {
    "sv": "Matchningsträff med verksamheterna",
    "da": "Matchmøde med arbejdspladserne",
}
PLACES = {
    "sv": "Folkets hus, lilla salen",
    "da": "Medborgerhuset, sal 1",
}
K = Workplace.Kind
OFFERS = {
    "sv": {
        K.WARD: "Kamratstöd på avdelningen: samtal med patienter under vårdtiden, "
        "stöd inför utskrivningen och gärna en gruppaktivitet i veckan. Du blir en "
        "del av personalgruppen och har en fast kontaktperson bland oss.",
        K.OUTPATIENT_CLINIC: "Enskilda samtal med patienter på mottagningen, via "
        "video eller som walk-and-talk. Sällskap till besök och stöd att hitta "
        "sammanhang utanför vården. Vi har ett eget samtalsrum till dig.",
        K.SOCIAL_PSYCHIATRY: "En träffpunkt för vuxna med psykisk ohälsa. Du finns "
        "med i vardagen, leder gärna en aktivitet och stöttar den som vill ta "
        "steg mot studier eller arbete.",
        K.MUNICIPAL_SERVICE: "Vi söker en kamratstödjare som följer deltagare på "
        "vägen tillbaka till arbete: samtal, sällskap till möten och stöd att "
        "komma igång igen.",
        K.ASSOCIATION: "I föreningens lokal: öppet hus, självhjälpsgrupper och "
        "samtal över en fika. Passar dig som trivs med att möta många.",
    },
    "da": {
        K.WARD: "Peer-støtte på sengeafsnittet: samtaler med patienter under "
        "indlæggelsen, støtte op til udskrivelsen og gerne en gruppeaktivitet om "
        "ugen. Du bliver en del af personalegruppen og får en fast kontaktperson.",
        K.OUTPATIENT_CLINIC: "Samtaler med patienter i ambulatoriet, på video eller "
        "som walk-and-talk. Følgeskab til aftaler og støtte til at finde "
        "fællesskaber uden for psykiatrien.",
        K.SOCIAL_PSYCHIATRY: "Et værested for voksne med psykiske vanskeligheder. Du "
        "er med i hverdagen, står gerne for en aktivitet og støtter dem, der vil "
        "tage skridt mod uddannelse eller arbejde.",
        K.MUNICIPAL_SERVICE: "Vi søger en peer-støttemedarbejder, der kan følge "
        "borgere på vejen tilbage til arbejde: samtaler, følgeskab og støtte til "
        "at komme i gang igen.",
        K.ASSOCIATION: "I foreningens lokaler: åbent hus, selvhjælpsgrupper og "
        "samtaler over en kop kaffe. Passer til dig, der kan lide at møde mange.",
    },
}
HOURS = (20, 10, 15, 8)


def placements_load(*, program: Program, people: dict[str, list[User]]) -> None:
    if program.slug == NSPH:
        _open_load(program, people)
    else:
        _held_load(program, people)


def _language(program: Program) -> str:
    return program.default_language if program.default_language in OFFERS else "sv"


def _at(day, hour: int, program: Program) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo(program.time_zone))


def _event(
    program: Program, people, *, starts_at: datetime, cohort, status: str
) -> MatchingEvent:
    return MatchingEvent.objects.create(
        program=program,
        cohort=cohort,
        title=TITLES[_language(program)],
        starts_at=starts_at,
        place=PLACES[_language(program)],
        status=status,
        created_by=people[Role.COORDINATOR][0],
    )


def _offers(event: MatchingEvent, people) -> list[Offer]:
    texts = OFFERS[_language(event.program)]
    contacts = people.get(Role.WORKPLACE_CONTACT, [])
    return Offer.objects.bulk_create(
        Offer(
            event=event,
            workplace=workplace,
            description=texts[workplace.kind],
            hours_per_week=HOURS[n % len(HOURS)],
            places=1 + n % 2,
            registered_by=contacts[0] if contacts else None,
        )
        for n, workplace in enumerate(event.program.workplaces.order_by("name"))
    )


def _contact_workplace(program: Program, people) -> Workplace | None:
    contacts = people.get(Role.WORKPLACE_CONTACT, [])
    if not contacts:
        return None
    membership = (
        contacts[0]
        .memberships.filter(program=program, role=Role.WORKPLACE_CONTACT)
        .select_related("workplace")
        .first()
    )
    return membership.workplace if membership else None


def _open_load(program: Program, people) -> None:
    """An event in the week after the running training ends; offers, no schedule."""
    cohort = program.cohorts.filter(completed_at__isnull=True).first()
    last_day = cohort.ends_on if cohort else timezone.localdate() + timedelta(days=20)
    event = _event(
        program,
        people,
        starts_at=_at(last_day + timedelta(days=3), 13, program),
        cohort=cohort,
        status=MatchingEvent.Status.OPEN,
    )
    _offers(event, people)


def _held_load(program: Program, people) -> None:
    """A week after the finished training: offers, interest, a schedule, placements."""
    cohort = program.cohorts.filter(completed_at__isnull=False).first()
    if cohort is not None:
        certified = [
            e.user
            for e in cohort.enrolments.filter(
                status=Enrolment.Status.COMPLETED
            ).select_related("user")
        ]
        day = cohort.ends_on + timedelta(days=7)
    else:
        certified = list(people.get(Role.PEER_SUPPORTER, []))
        day = timezone.localdate() - timedelta(days=30)
    event = _event(
        program,
        people,
        starts_at=_at(day, 13, program),
        cohort=cohort,
        status=MatchingEvent.Status.OPEN,
    )
    offers = _offers(event, people)
    home = _contact_workplace(program, people)
    demo_supporters = {u.pk for u in people.get(Role.PEER_SUPPORTER, [])}
    taking_part = certified + [
        u for u in people.get(Role.PEER_SUPPORTER, []) if u not in certified
    ]
    interests = []
    for i, supporter in enumerate(taking_part):
        for j, offer in enumerate(offers):
            # A fixed pattern: most supporters mark most offers, and workplaces
            # say yes to some; the demo peer supporters met the contact's unit.
            met_home = supporter.pk in demo_supporters and offer.workplace == home
            from_supporter = met_home or (i + j) % 3 != 2
            from_workplace = met_home or (from_supporter and (i + 2 * j) % 4 != 1)
            if from_supporter or from_workplace:
                interests.append(
                    Interest(
                        offer=offer,
                        supporter=supporter,
                        from_supporter=from_supporter,
                        from_workplace=from_workplace,
                    )
                )
    Interest.objects.bulk_create(interests)
    meetings = schedule_build_in_transaction(event=event)
    event.status = MatchingEvent.Status.HELD
    event.save(update_fields=["status"])
    _placements_record(event, people, taking_part, meetings, home, offers)


def _placements_record(
    event: MatchingEvent,
    people: dict[str, list[User]],
    taking_part: list[User],
    meetings: list[EventMeeting],
    home: Workplace | None,
    offers: list[Offer],
) -> None:
    """Demo supporters with the contact's unit; newcomers where they first met,
    except the last newcomer, who is still looking."""
    program = event.program
    demo_supporters = {u.pk for u in people.get(Role.PEER_SUPPORTER, [])}
    first_met = {}
    for meeting in sorted(meetings, key=lambda m: (m.slot, m.pk)):
        first_met.setdefault(meeting.supporter_id, meeting.offer)
    newcomers = [u for u in taking_part if u.pk not in demo_supporters]
    starts_on = event.starts_at.date() + timedelta(days=21)
    placements = []
    for supporter in taking_part:
        if supporter.pk in demo_supporters and home is not None:
            workplace = home
            hours = next(o.hours_per_week for o in offers if o.workplace == home)
        elif supporter in newcomers[:-1] and supporter.pk in first_met:
            offer = first_met[supporter.pk]
            workplace, hours = offer.workplace, offer.hours_per_week
        else:
            continue
        placements.append(
            Placement(
                program=program,
                supporter=supporter,
                workplace=workplace,
                event=event,
                starts_on=starts_on,
                hours_per_week=hours,
                recorded_by=people[Role.COORDINATOR][0],
            )
        )
    Placement.objects.bulk_create(placements)
