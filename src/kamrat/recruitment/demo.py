"""A demo call with a few applicants at different steps."""

from datetime import timedelta

from django.utils import timezone

from kamrat.accounts.models import User
from kamrat.programs.models import Program

from .models import Application, Call

APPLICANTS = (
    ("Amina Berg", "received", ["evenings"], ""),
    (
        "Johan Lind",
        "conversation",
        ["weekdays", "evenings"],
        "I have lived with "
        "depression for years and found my way back with help from others.",
    ),
    ("Maja Holm", "offered", ["weekends"], ""),
    ("Nils Ek", "reserve", ["weekdays"], ""),
)


def recruitment_load(*, program: Program, people: dict[str, list[User]]) -> None:
    today = timezone.localdate()
    language = program.default_language
    call = Call.objects.create(
        program=program,
        **{
            f"title_{language}": {
                "sv": "Bli kamratstödjare",
                "da": "Bliv peer-støtte",
            }.get(language, "Become a peer supporter"),
            f"text_{language}": {
                "sv": "Vi söker sju personer med egen erfarenhet av psykisk ohälsa. "
                "Grundutbildningen är fem veckor.",
                "da": "Vi søger syv personer med egen erfaring med psykisk sygdom. "
                "Grunduddannelsen varer fem uger.",
            }.get(language, ""),
        },
        title_en="Become a peer supporter",
        text_en="We are looking for seven people with their own experience of "
        "mental ill-health. The basic training takes five weeks, alternating "
        "weeks on site and at home.",
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=20),
        places=7,
        training_place=program.name,
    )
    applicants = LARGE_CALLS.get(program.slug) and many_applicants(
        LARGE_CALLS[program.slug]
    )
    Application.objects.bulk_create(
        Application(
            call=call,
            name=name,
            email=f"applicant{n}@{program.slug}.kamrat.test",
            motivation=MOTIVATIONS[n % len(MOTIVATIONS)],
            lived_experience=experience,
            availability=availability,
            language=language,
            step=step,
        )
        for n, (name, step, availability, experience) in enumerate(
            applicants or APPLICANTS
        )
    )


# The county association's open call draws many more people than it has places.
LARGE_CALLS = {
    "nsph-norrlanet": (
        ("received", 21),
        ("conversation", 14),
        ("offered", 7),
        ("reserve", 4),
        ("declined", 4),
    )
}
FIRST_NAMES = (
    "Alva Anton Ebba Elias Freja Gustav Hanna Isak Julia Kalle Linnea Ludvig Moa "
    "Noah Olivia Rasmus Saga Theo Vera Viktor Wilma Arvid Elin Hugo Idun"
).split()
LAST_NAMES = (
    "Andersson Berglund Dahl Engström Forsberg Hedlund Isaksson Jonsson Karlsson "
    "Lundqvist Mattsson Nyberg Öberg Pettersson Sandberg Wikström Åkesson"
).split()
MOTIVATIONS = (
    "I want to give others the hope someone once gave me.",
    "I know what it is like to wait for help, and I want to be company on the way.",
    "My own recovery taught me things I would like to pass on.",
    "I have worked with people for many years and now want to use my own experience.",
)


def many_applicants(steps) -> list[tuple[str, str, list[str], str]]:
    """Made-up applicants with every pipeline step, in a fixed order."""
    rows = []
    times = (["weekdays"], ["evenings"], ["weekdays", "evenings"], ["weekends"])
    for step, count in steps:
        for _ in range(count):
            n = len(rows)
            name = (
                f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {LAST_NAMES[n % len(LAST_NAMES)]}"
            )
            rows.append((name, step, times[n % len(times)], ""))
    return rows
