"""Demo data: the county association's cohort in week 3, finished cohorts elsewhere."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from kamrat.accounts.models import Role, User
from kamrat.programs.models import Program
from kamrat.recruitment.models import Application, Call

from .models import Attendance, Cohort, ContinuedEducation, Enrolment, Session, Week
from .services.certification import cohort_complete_in_transaction
from .services.planning import ends_on_for

NSPH = "nsph-norrlanet"
WEEKS = 5

THEMES = {
    "sv": (
        "Egen erfarenhet som kunskap",
        "Min återhämtningsberättelse",
        "Samtalet: att lyssna, möta och sätta gränser",
        "Stödet runt omkring: vård, kommun och föreningar",
        "Att arbeta som kamratstödjare",
    ),
    "da": (
        "Egen erfaring som viden",
        "Min recoveryfortælling",
        "Samtalen: at lytte, møde og sætte grænser",
        "Støtten omkring: psykiatri, kommune og foreninger",
        "At arbejde som peer-støttemedarbejder",
    ),
}
MATERIAL = {
    "sv": {
        1: "Inför veckan: ta med något som betyder något för dig i din "
        "återhämtning – ett föremål, en låt eller en bild.",
        2: "Läs: kapitlet om återhämtning i kursboken (s. 12–40).\n"
        "Skriv: din egen återhämtningsberättelse på högst en sida. Vad hjälpte "
        "dig, och vad hjälpte inte?\n"
        "Titta: filmen ”Vägen tillbaka” (20 minuter), länken finns i gruppens mejl.\n"
        "Vecka 3 delar vi berättelserna i små grupper – bara det du själv vill.",
        4: "Läs: broschyren om samordnad individuell plan (SIP).\n"
        "Ta reda på: tre ställen i din kommun dit en deltagare kan vända sig, "
        "till exempel träffpunkter, självhjälpsgrupper eller brukarföreningar.\n"
        "Fundera: när ska en kamratstödjare hänvisa vidare, och hur säger man det "
        "på ett varmt sätt?",
        5: "Inför sista veckan: skriv ner en sak du vill ta med dig från "
        "utbildningen och en fråga du fortfarande har.",
    },
    "da": {
        1: "Før ugen: tag noget med, der betyder noget for dig i din recovery – "
        "en ting, en sang eller et billede.",
        2: "Læs: kapitlet om recovery i kursusbogen (s. 12–40).\n"
        "Skriv: din egen recoveryfortælling på højst én side. Hvad hjalp dig, "
        "og hvad hjalp ikke?\n"
        "Se: filmen ”Vejen tilbage” (20 minutter), linket er i gruppens mail.\n"
        "I uge 3 deler vi fortællingerne i små grupper – kun det, du selv vil.",
        4: "Læs: pjecen om den koordinerede indsatsplan.\n"
        "Find: tre steder i din kommune, hvor en deltager kan få støtte, for "
        "eksempel væresteder, selvhjælpsgrupper eller brugerforeninger.\n"
        "Overvej: hvornår skal en peer-støttemedarbejder henvise videre, og "
        "hvordan siger man det på en varm måde?",
        5: "Før sidste uge: skriv én ting ned, du vil tage med dig fra "
        "uddannelsen, og ét spørgsmål, du stadig har.",
    },
}
# (day after the first day, topic per language, who leads)
NSPH_SESSIONS = (
    (0, "Välkommen: vad är kamratstöd?", "coordinator"),
    (1, "Återhämtning och hopp", "outside"),
    (2, "Egen erfarenhet – att dela med omdöme", "peer"),
    (14, "Det stödjande samtalet", "peer"),
    (16, "Gränser, tystnadsplikt och etik", "coordinator"),
    (28, "Kris och oro: när och hur man larmar", "coordinator"),
    (29, "Kamratstödjaren på arbetsplatsen", "peer"),
    (30, "Avslutning och nästa steg", "coordinator"),
)
FINISHED_SESSIONS = {
    "sv": (
        (0, "Vad är kamratstöd?", "coordinator"),
        (1, "Återhämtning och hopp", "outside"),
        (14, "Det stödjande samtalet", "outside"),
        (15, "Gränser och etik", "coordinator"),
        (28, "Kris och oro: när och hur man larmar", "coordinator"),
        (29, "Att arbeta som kamratstödjare", "outside"),
    ),
    "da": (
        (0, "Hvad er peer-støtte?", "coordinator"),
        (1, "Recovery og håb", "outside"),
        (14, "Den støttende samtale", "outside"),
        (15, "Grænser og etik", "coordinator"),
        (28, "Krise og bekymring: hvornår og hvordan man slår alarm", "coordinator"),
        (29, "At arbejde som peer-støttemedarbejder", "outside"),
    ),
}
OUTSIDE_LEADER = {
    "sv": "Lisa Ström, Recoverykollegiet",
    "da": "Karen Holm, Recoveryskolen",
}
NSPH_TRAINEES = (
    "Amanda Ek",
    "Robin Sandström",
    "Linnea Falk",
    "Yusuf Demir",
    "Helena Ståhl",
    "Erik Nyberg",
    "Sanna Wallin",
)
NEW_TRAINEES = {
    "sv": ("Moa Lindgren", "Ali Hassan", "Tilda Berglund"),
    "da": ("Signe Lund", "Mikkel Dahl", "Nanna Krogh"),
}
PLACES = {
    "sv": "Folkets hus, stora salen",
    "da": "Medborgerhuset, mødesal 2",
}
COURSE = {
    "sv": ("Temadag: suicidprevention i kamratstödet", "NSPH och regionen"),
    "da": ("Temadag om recovery og peer-støtte", "Region Hovedstaden"),
}


def training_load(*, program: Program, people: dict[str, list[User]]) -> None:
    if program.slug == NSPH:
        _mid_training_load(program, people)
    else:
        _finished_load(program, people)


def _language(program: Program) -> str:
    return program.default_language if program.default_language in THEMES else "sv"


def _trainees(program: Program, people, names: tuple[str, ...]) -> list[User]:
    """New demo people with the demo password, hashed once for speed."""
    from kamrat.core.demo import DEMO_PASSWORD

    domain = people[Role.COORDINATOR][0].email.split("@", 1)[1]
    password = make_password(DEMO_PASSWORD)
    return User.objects.bulk_create(
        User(
            email=f"trainee{n}@{domain}",
            name=name,
            password=password,
            preferred_language=program.default_language,
        )
        for n, name in enumerate(names, start=1)
    )


def _cohort(
    program: Program, people, *, name: str, starts_on: date, place: str, call=None
) -> Cohort:
    language = _language(program)
    cohort = Cohort.objects.create(
        program=program,
        name=name,
        call=call,
        starts_on=starts_on,
        ends_on=ends_on_for(starts_on=starts_on, weeks=WEEKS),
        place=place,
        created_by=people[Role.COORDINATOR][0],
    )
    Week.objects.bulk_create(
        Week(
            cohort=cohort,
            number=n,
            kind=Week.Kind.ON_SITE if n % 2 else Week.Kind.HOME_STUDY,
            theme=THEMES[language][n - 1],
            **{f"material_{language}": MATERIAL[language].get(n, "")},
        )
        for n in range(1, WEEKS + 1)
    )
    return cohort


def _sessions(cohort: Cohort, people, plan, *, place: str) -> list[Session]:
    language = _language(cohort.program)
    zone = ZoneInfo(cohort.program.time_zone)
    weeks = {w.number: w for w in cohort.weeks.all()}
    coordinator = people[Role.COORDINATOR][0]
    supporters = people.get(Role.PEER_SUPPORTER, [])
    sessions = []
    for offset, topic, who in plan:
        day = cohort.starts_on + timedelta(days=offset)
        starts = datetime.combine(day, time(9, 30), tzinfo=zone)
        leader = {"coordinator": coordinator, "peer": supporters[0]}.get(who)
        sessions.append(
            Session(
                cohort=cohort,
                week=weeks[offset // 7 + 1],
                starts_at=starts,
                ends_at=starts + timedelta(hours=5, minutes=30),
                place=place,
                topic=topic,
                leader=leader,
                leader_name="" if leader else OUTSIDE_LEADER[language],
                # The outside leader is a peer supporter from another programme.
                led_by_peer_supporter=who in ("peer", "outside"),
            )
        )
    return Session.objects.bulk_create(sessions)


def _attendance(sessions, enrolments, missed: dict[int, set[int]], now) -> None:
    """Everyone came to every session held, except the (person, session) missed."""
    Attendance.objects.bulk_create(
        Attendance(
            session=session,
            enrolment=enrolment,
            attended=s not in missed.get(e, set()),
        )
        for s, session in enumerate(sessions)
        if session.starts_at <= now
        for e, enrolment in enumerate(enrolments)
    )


def _mid_training_load(program: Program, people) -> None:
    """Seven trainees recruited through a call that closed before they started."""
    now = timezone.now()
    starts_on = timezone.localdate() - timedelta(days=15)  # week 3 of 5 today
    trainees = _trainees(program, people, NSPH_TRAINEES)
    call = Call.objects.create(
        program=program,
        title_sv="Kamratstödjare – grundutbildning",
        title_en="Peer supporters – basic training",
        text_sv="Vi sökte sju personer med egen erfarenhet av psykisk ohälsa till "
        "grundutbildningen.",
        text_en="We were looking for seven people with their own experience of "
        "mental ill-health for the basic training.",
        opens_on=starts_on - timedelta(days=75),
        closes_on=starts_on - timedelta(days=30),
        places=len(trainees),
        training_place="NSPH Norrlänets lokal, Älvstad",
    )
    applications = [
        Application.objects.create(
            call=call,
            name=trainee.name,
            email=trainee.email,
            motivation="Jag vill ge andra det hopp som någon en gång gav mig.",
            availability=["weekdays"],
            language=program.default_language,
            step=Application.Step.ACCEPTED,
        )
        for trainee in trainees
    ]
    place = "NSPH Norrlänets lokal, Storgatan 12, Älvstad"
    cohort = _cohort(
        program,
        people,
        name="Grundutbildning för kamratstödjare",
        starts_on=starts_on,
        place=place,
        call=call,
    )
    sessions = _sessions(cohort, people, NSPH_SESSIONS, place=place)
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(
            cohort=cohort,
            user=trainee,
            application=application,
            enrolled_at=now - timedelta(days=20),
        )
        for trainee, application in zip(trainees, applications, strict=True)
    )
    # Helena has missed two sessions; everyone else came to all held so far.
    _attendance(sessions, enrolments, {4: {1, 3}}, now)


def _finished_load(program: Program, people) -> None:
    """The programme's peer supporters and three newcomers; all but one certified."""
    language = _language(program)
    zone = ZoneInfo(program.time_zone)
    ends_on = timezone.localdate() - timedelta(days=60)
    starts_on = ends_on - timedelta(days=7 * WEEKS - 1)
    place = PLACES[language]
    newcomers = _trainees(program, people, NEW_TRAINEES[language])
    cohort = _cohort(
        program,
        people,
        name={"sv": "Grundutbildning", "da": "Grunduddannelse"}[language],
        starts_on=starts_on,
        place=place,
    )
    sessions = _sessions(cohort, people, FINISHED_SESSIONS[language], place=place)
    trainees = list(people.get(Role.PEER_SUPPORTER, [])) + newcomers
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(
            cohort=cohort,
            user=trainee,
            enrolled_at=datetime.combine(
                starts_on - timedelta(days=7), time(12), tzinfo=zone
            ),
        )
        for trainee in trainees
    )
    completed_at = datetime.combine(ends_on + timedelta(days=3), time(12), tzinfo=zone)
    # The last newcomer came to half the sessions and does not complete.
    _attendance(sessions, enrolments, {len(enrolments) - 1: {1, 2, 4}}, completed_at)
    result = cohort_complete_in_transaction(cohort=cohort, now=completed_at)
    title, organiser = COURSE[language]
    ContinuedEducation.objects.bulk_create(
        ContinuedEducation(
            program=program,
            user=enrolment.user,
            title=title,
            organiser=organiser,
            held_on=timezone.localdate() - timedelta(days=20),
            hours=Decimal("6"),
            recorded_by=people[Role.COORDINATOR][0],
        )
        for enrolment in result.completed
    )
