"""The four demo programmes: fictional people in the shapes of real programmes."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from kamrat.accounts.models import Role, User
from kamrat.accounts.services import membership_grant, totp_enroll, user_create
from kamrat.programs.models import Area, Country, Program, Workplace

DEMO_PASSWORD = "kamrat-demo"  # noqa: S105 - printed on purpose; demo only
# Demo coordinators and programme admins sign in with a second step, as staff
# must; their authenticator secret is public and the demo's code page shows
# the current code. Add it to any authenticator app to try the real thing.
DEMO_TOTP_SECRET = "KAMRATDEMOSECRETKAMRATDEMOSECRET"  # noqa: S105 - demo only


@dataclass(frozen=True)
class DemoPerson:
    name: str
    email: str
    role: str
    language: str
    workplace: str = ""


@dataclass(frozen=True)
class DemoProgram:
    slug: str
    name: str
    country: str
    language: str
    organisation: str
    contact_email: str
    contact_phone: str
    areas: tuple[tuple[str, str], ...]
    workplaces: tuple[tuple[str, str, str], ...]  # name, kind, area
    people: tuple[DemoPerson, ...]
    modes: tuple[str, ...] = ("video", "walk", "fika")
    waiting: tuple[tuple[str, str], ...] = ()  # more participants with open requests


W = Workplace.Kind
A = Area.Kind
R = Role

PROGRAMS: tuple[DemoProgram, ...] = (
    DemoProgram(
        slug="unga-vuxna",
        name="Unga vuxna Strandköping",
        country=Country.SWEDEN,
        language="sv",
        organisation="Strandköpings kommun",
        contact_email="peer@strandkoping.kamrat.test",
        contact_phone="0410-12 34 50",
        areas=(("Strandköpings kommun", A.MUNICIPALITY),),
        workplaces=(
            (
                "Ungdomsmottagningen Strandköping",
                W.OUTPATIENT_CLINIC,
                "Strandköpings kommun",
            ),
            ("Träffpunkt Hamnen", W.SOCIAL_PSYCHIATRY, "Strandköpings kommun"),
            ("Arbetsmarknadsenheten", W.MUNICIPAL_SERVICE, "Strandköpings kommun"),
        ),
        people=(
            DemoPerson(
                "Ada Lindqvist", "ada@unga-vuxna.kamrat.test", R.COORDINATOR, "sv"
            ),
            DemoPerson(
                "Samir Haddad", "samir@unga-vuxna.kamrat.test", R.PEER_SUPPORTER, "sv"
            ),
            DemoPerson(
                "Elin Berg", "elin@unga-vuxna.kamrat.test", R.PEER_SUPPORTER, "sv"
            ),
            DemoPerson(
                "Leo Grahn", "leo@unga-vuxna.kamrat.test", R.PEER_SUPPORTER, "sv"
            ),
            DemoPerson("Pia Nordin", "pia@unga-vuxna.kamrat.test", R.PARTICIPANT, "sv"),
            DemoPerson("Jonna Ek", "jonna@unga-vuxna.kamrat.test", R.PARTICIPANT, "sv"),
            DemoPerson(
                "Karin Holm",
                "karin@unga-vuxna.kamrat.test",
                R.WORKPLACE_CONTACT,
                "sv",
                "Arbetsmarknadsenheten",
            ),
            DemoPerson(
                "Bo Andersson", "bo@unga-vuxna.kamrat.test", R.PROGRAM_ADMIN, "sv"
            ),
        ),
        modes=("walk", "fika", "activity", "accompany", "video", "clinic"),
        waiting=(
            ("Alex Sandberg", "alex@unga-vuxna.kamrat.test"),
            ("Noah Persson", "noah@unga-vuxna.kamrat.test"),
        ),
    ),
    DemoProgram(
        slug="nsph-norrlanet",
        name="Peer support Norrlänet",
        country=Country.SWEDEN,
        language="sv",
        organisation="NSPH Norrlänet",
        contact_email="peer@nsph-norrlanet.kamrat.test",
        contact_phone="08-555 123 40",
        areas=(
            ("Norrlänet", A.REGION),
            ("Älvstad", A.MUNICIPALITY),
            ("Björkvik", A.MUNICIPALITY),
        ),
        workplaces=(
            ("Socialpsykiatrin Älvstad", W.SOCIAL_PSYCHIATRY, "Älvstad"),
            ("Aktivitetshuset Björken", W.SOCIAL_PSYCHIATRY, "Björkvik"),
            ("Psykiatriska öppenvården Älvstad", W.OUTPATIENT_CLINIC, "Älvstad"),
            ("NSPH Norrlänets lokal", W.ASSOCIATION, "Älvstad"),
        ),
        people=(
            DemoPerson(
                "Johanna Sjöberg", "johanna@nsph.kamrat.test", R.COORDINATOR, "sv"
            ),
            DemoPerson(
                "Mikael Öberg", "mikael@nsph.kamrat.test", R.PEER_SUPPORTER, "sv"
            ),
            DemoPerson(
                "Fatima Rahimi", "fatima@nsph.kamrat.test", R.PEER_SUPPORTER, "sv"
            ),
            DemoPerson("Sara Björk", "sara@nsph.kamrat.test", R.PEER_SUPPORTER, "sv"),
            DemoPerson("Tove Lund", "tove@nsph.kamrat.test", R.PARTICIPANT, "sv"),
            DemoPerson(
                "Anders Wik",
                "anders@nsph.kamrat.test",
                R.WORKPLACE_CONTACT,
                "sv",
                "Socialpsykiatrin Älvstad",
            ),
            DemoPerson("Kjell Strand", "kjell@nsph.kamrat.test", R.PROGRAM_ADMIN, "sv"),
        ),
        modes=("clinic", "video", "walk", "fika", "activity", "accompany", "ward"),
        waiting=(
            ("Nora Eklund", "nora@nsph.kamrat.test"),
            ("Ibrahim Ali", "ibrahim@nsph.kamrat.test"),
        ),
    ),
    DemoProgram(
        slug="regionpsykiatrin",
        name="Peer support i Regionpsykiatrin Västersund",
        country=Country.SWEDEN,
        language="sv",
        organisation="Region Västersund",
        contact_email="peer@regionpsykiatrin.kamrat.test",
        contact_phone="",
        areas=(
            ("Västersund", A.MUNICIPALITY),
            ("Kustby", A.MUNICIPALITY),
            ("Skogsås", A.MUNICIPALITY),
        ),
        workplaces=(
            ("Avdelning 12, allmänpsykiatri", W.WARD, "Västersund"),
            ("Avdelning 14, psykosvård", W.WARD, "Västersund"),
            ("Allmänpsykiatriska mottagningen Kustby", W.OUTPATIENT_CLINIC, "Kustby"),
            ("Psykiatrimottagningen Skogsås", W.OUTPATIENT_CLINIC, "Skogsås"),
        ),
        people=(
            DemoPerson("Lena Persson", "lena@region.kamrat.test", R.COORDINATOR, "sv"),
            DemoPerson(
                "Oskar Nilsson", "oskar@region.kamrat.test", R.PEER_SUPPORTER, "sv"
            ),
            DemoPerson(
                "Maja Karlsson", "maja@region.kamrat.test", R.PEER_SUPPORTER, "sv"
            ),
            DemoPerson(
                "Amir Karimi", "amir@region.kamrat.test", R.PEER_SUPPORTER, "sv"
            ),
            DemoPerson("Hugo Lind", "hugo@region.kamrat.test", R.PARTICIPANT, "sv"),
            DemoPerson(
                "Eva Dahl",
                "eva@region.kamrat.test",
                R.WORKPLACE_CONTACT,
                "sv",
                "Avdelning 12, allmänpsykiatri",
            ),
            DemoPerson("Per Axelsson", "per@region.kamrat.test", R.PROGRAM_ADMIN, "sv"),
        ),
        modes=("ward", "clinic", "video", "walk", "fika", "activity", "accompany"),
        waiting=(
            ("Greta Holm", "greta@region.kamrat.test"),
            ("Viktor Ström", "viktor@region.kamrat.test"),
        ),
    ),
    DemoProgram(
        slug="peer-hovedstaden",
        name="Peer-støtte Hovedstaden",
        country=Country.DENMARK,
        language="da",
        organisation="Region Hovedstaden og tre kommuner",
        contact_email="peer@hovedstaden.kamrat.test",
        contact_phone="33 12 34 56",
        areas=(
            ("Region Hovedstaden", A.REGION),
            ("Fjordby Kommune", A.MUNICIPALITY),
            ("Skovlund Kommune", A.MUNICIPALITY),
            ("Strandvig Kommune", A.MUNICIPALITY),
        ),
        workplaces=(
            ("Psykiatrisk Center Fjordby", W.OUTPATIENT_CLINIC, "Region Hovedstaden"),
            ("Sengeafsnit P3", W.WARD, "Region Hovedstaden"),
            ("Socialpsykiatrien Skovlund", W.SOCIAL_PSYCHIATRY, "Skovlund Kommune"),
            ("Recoverycaféen Strandvig", W.ASSOCIATION, "Strandvig Kommune"),
        ),
        people=(
            DemoPerson(
                "Mette Jensen", "mette@hovedstaden.kamrat.test", R.COORDINATOR, "da"
            ),
            DemoPerson(
                "Lars Hansen", "lars@hovedstaden.kamrat.test", R.PEER_SUPPORTER, "da"
            ),
            DemoPerson(
                "Sofie Madsen", "sofie@hovedstaden.kamrat.test", R.PEER_SUPPORTER, "da"
            ),
            DemoPerson(
                "Jonas Berg", "jonas@hovedstaden.kamrat.test", R.PEER_SUPPORTER, "da"
            ),
            DemoPerson(
                "Freja Olsen", "freja@hovedstaden.kamrat.test", R.PARTICIPANT, "da"
            ),
            DemoPerson(
                "Henrik Poulsen",
                "henrik@hovedstaden.kamrat.test",
                R.WORKPLACE_CONTACT,
                "da",
                "Socialpsykiatrien Skovlund",
            ),
            DemoPerson(
                "Birgitte Nielsen",
                "birgitte@hovedstaden.kamrat.test",
                R.PROGRAM_ADMIN,
                "da",
            ),
        ),
        modes=("video", "walk", "fika", "activity", "accompany", "ward", "clinic"),
        waiting=(
            ("Emil Larsen", "emil@hovedstaden.kamrat.test"),
            ("Ida Kristensen", "ida@hovedstaden.kamrat.test"),
        ),
    ),
)


def is_demo_email(email: str) -> bool:
    return any(person.email == email for spec in PROGRAMS for person in spec.people)


def demo_signin_list() -> list[dict[str, str]]:
    """One row per demo sign-in, role names in the current language."""
    labels = dict(Role.choices)
    return [
        {"program": spec.name, "role": str(labels[person.role]), "email": person.email}
        for spec in PROGRAMS
        for person in spec.people
    ]


@transaction.atomic
def demo_load() -> int:
    """Create the demo programmes that are missing; returns how many were made."""
    made = 0
    for spec in PROGRAMS:
        if Program.objects.filter(slug=spec.slug).exists():
            continue
        _program_load(spec)
        made += 1
    return made


def _program_load(spec: DemoProgram) -> Program:
    program = Program.objects.create(
        slug=spec.slug,
        name=spec.name,
        country=spec.country,
        default_language=spec.language,
        organisation=spec.organisation,
        contact_email=spec.contact_email,
        contact_phone=spec.contact_phone,
    )
    areas = {
        name: Area.objects.create(program=program, name=name, kind=kind)
        for name, kind in spec.areas
    }
    workplaces = {
        name: Workplace.objects.create(
            program=program, name=name, kind=kind, area=areas.get(area)
        )
        for name, kind, area in spec.workplaces
    }
    people: dict[str, list[User]] = {}
    for person in spec.people:
        user = User.objects.filter(email=person.email).first() or user_create(
            email=person.email,
            name=person.name,
            password=DEMO_PASSWORD,
            preferred_language=person.language,
        )
        membership_grant(
            user=user,
            program=program,
            role=person.role,
            workplace=workplaces.get(person.workplace),
        )
        if person.role in (R.COORDINATOR, R.PROGRAM_ADMIN):
            totp_enroll(user=user, secret=DEMO_TOTP_SECRET)
        people.setdefault(person.role, []).append(user)
    _support_load(program=program, spec=spec, people=people)
    from kamrat.privacy.demo import demo_privacy_load

    demo_privacy_load(program=program, people=people)
    from kamrat.concerns.demo import concerns_load

    concerns_load(program=program, people=people)
    from kamrat.recruitment.demo import recruitment_load

    recruitment_load(program=program, people=people)
    from kamrat.training.demo import training_load

    training_load(program=program, people=people)
    from kamrat.placements.demo import placements_load

    placements_load(program=program, people=people)
    from kamrat.supervision.demo import supervision_load

    supervision_load(program=program, people=people)
    return program


def _support_load(*, program: Program, spec: DemoProgram, people) -> None:
    """Peer supporters' offers and times, a contact with a week of meetings, a queue."""
    from datetime import time, timedelta
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from kamrat.support.models import (
        Meeting,
        Pairing,
        SupporterProfile,
        SupportRequest,
        WeeklyTime,
        _room_name,
    )
    from kamrat.support.services.requests import support_request_create

    areas = list(program.areas.all())
    supporters = people.get(R.PEER_SUPPORTER, [])
    for index, supporter in enumerate(supporters):
        profile = SupporterProfile.objects.create(
            program=program,
            supporter=supporter,
            languages=[spec.language, "en"],
            modes=list(spec.modes[index % 2 :]) or list(spec.modes),
            capacity=5,
            gender=("woman", "man")[index % 2],
            age_group=("18-29", "30-49", "50+")[index % 3],
        )
        profile.areas.set(areas)
        # Different days and hours, so suggestions give different reasons.
        starts, ends = ((9, 16), (10, 17), (12, 19))[index % 3]
        for weekday in range(index % 2, 5):
            WeeklyTime.objects.create(
                program=program,
                supporter=supporter,
                weekday=weekday,
                starts=time(starts),
                ends=time(ends),
            )
    participants = people.get(R.PARTICIPANT, [])
    if not supporters or not participants:
        return
    now = timezone.now()
    pairing = Pairing.objects.create(
        program=program,
        participant=participants[0],
        supporter=supporters[0],
        status=Pairing.Status.ACTIVE,
        chosen_by=SupportRequest.Chooser.PARTICIPANT,
        started_at=now - timedelta(days=21),
    )
    zone = ZoneInfo(program.time_zone)
    today = now.astimezone(zone).date()
    weekdays = [
        today + timedelta(days=d)
        for d in range(1, 15)
        if (today + timedelta(days=d)).weekday() < 5
    ]
    places = DEMO_PLACES[spec.language]
    for index, mode in enumerate(spec.modes):
        day = weekdays[index % len(weekdays)]
        starts = datetime_at(day, time(10 if index % 2 == 0 else 13), zone)
        Meeting.objects.create(
            pairing=pairing,
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            mode=mode,
            place="" if mode == "video" else places.get(mode, ""),
            video_room=_room_name() if mode == "video" else "",
            booked_by=participants[0],
        )
    past = datetime_at(today - timedelta(days=7), time(10), zone)
    Meeting.objects.create(
        pairing=pairing,
        starts_at=past,
        ends_at=past + timedelta(hours=1),
        mode=spec.modes[0],
        place=places.get(spec.modes[0], ""),
        status=Meeting.Status.KEPT,
        booked_by=participants[0],
    )
    choosers = [SupportRequest.Chooser.PARTICIPANT, SupportRequest.Chooser.COORDINATOR]
    waiting = participants[1:] + [
        user_create(
            email=email,
            name=name,
            password=DEMO_PASSWORD,
            preferred_language=spec.language,
        )
        for name, email in spec.waiting
    ]
    for index, participant in enumerate(waiting):
        support_request_create(
            program=program,
            participant=participant,
            topics=[("talk", "routines", "work")[index % 3], "strengths"],
            modes=list(spec.modes[index % 2 : index % 2 + 3]),
            languages=[spec.language],
            times=[0, 1, 3, 4, 7, 10],
            area=areas[index % len(areas)] if areas else None,
            chooser=choosers[index % 2],
        )
    _history_load(program=program, spec=spec, supporters=supporters, zone=zone)
    from kamrat.recovery.demo import demo_plan_load

    demo_plan_load(
        program=program,
        participant=participants[0],
        supporter=supporters[0],
        language=spec.language,
    )


# People whose contact ran its course in the last months: the history behind
# the funder report's numbers.
PAST_PARTICIPANTS = {
    "sv": ("Ida Sjöberg", "Måns Eklund", "Nora Vik", "Oskar Hellström", "Sigrid Ahl"),
    "da": ("Ida Kjær", "Mads Holm", "Nora Friis", "Oskar Dahl", "Signe Bach"),
}


def _history_load(*, program: Program, spec: DemoProgram, supporters, zone) -> None:
    """Ended contacts with weekly meetings: mostly kept, some cancelled or missed."""
    from datetime import time, timedelta

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from kamrat.support.models import Meeting, Pairing, SupportRequest

    today = timezone.now().astimezone(zone).date()
    places = DEMO_PLACES[spec.language]
    meetings = []
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
    for index, name in enumerate(PAST_PARTICIPANTS[spec.language]):
        person = User.objects.create(
            email=f"earlier{index}@{program.slug}.kamrat.test",
            name=name,
            password=password,
            preferred_language=spec.language,
        )
        membership_grant(user=person, program=program, role=R.PARTICIPANT)
        first = today - timedelta(days=200 - 25 * index)
        weeks = 8 + index % 3
        pairing = Pairing.objects.create(
            program=program,
            participant=person,
            supporter=supporters[index % len(supporters)],
            status=Pairing.Status.ENDED,
            chosen_by=SupportRequest.Chooser.PARTICIPANT,
            started_at=datetime_at(first, time(9), zone),
            ended_at=datetime_at(
                first + timedelta(weeks=weeks, days=1), time(17), zone
            ),
        )
        for week in range(weeks):
            starts = datetime_at(
                first + timedelta(weeks=week), time(10 + week % 4), zone
            )
            mode = spec.modes[(index + week) % len(spec.modes)]
            status = Meeting.Status.KEPT
            if (index + week) % 5 == 4:
                status = Meeting.Status.CANCELLED
            elif (index + week) % 11 == 7:
                status = Meeting.Status.NO_SHOW
            meetings.append(
                Meeting(
                    pairing=pairing,
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=1),
                    mode=mode,
                    place="" if mode == "video" else places.get(mode, ""),
                    status=status,
                    booked_by=person,
                )
            )
    Meeting.objects.bulk_create(meetings)


DEMO_PLACES = {
    "sv": {
        "walk": "Stora parken, vid fontänen",
        "fika": "Kafé Hörnet",
        "activity": "Aktivitetshuset",
        "accompany": "Vårdcentralen, entrén",
        "ward": "Samtalsrummet",
        "clinic": "Mottagningens väntrum",
    },
    "da": {
        "walk": "Kongens Have, ved springvandet",
        "fika": "Café Hjørnet",
        "activity": "Aktivitetshuset",
        "accompany": "Lægehuset, indgangen",
        "ward": "Samtalerummet",
        "clinic": "Ambulatoriets venteværelse",
    },
}


def datetime_at(day, at, zone):
    from datetime import datetime

    return datetime.combine(day, at, tzinfo=zone)


def demo_describe() -> str:
    lines = [_("Demo sign-ins (password: %(password)s)") % {"password": DEMO_PASSWORD}]
    for row in demo_signin_list():
        lines.append(f"  {row['email']:<36} {row['role']:<22} {row['program']}")
    lines.append(
        _(
            "Coordinators and programme admins are then asked for a code: the demo "
            "shows it on that page (authenticator key: %(secret)s)."
        )
        % {"secret": DEMO_TOTP_SECRET}
    )
    lines.append(
        _(
            "People in the county association's basic training sign in as "
            "trainee1@nsph.kamrat.test to trainee7@nsph.kamrat.test."
        )
    )
    return "\n".join(lines)
