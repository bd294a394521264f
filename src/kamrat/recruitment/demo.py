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
    for n, (name, step, availability, experience) in enumerate(APPLICANTS):
        Application.objects.create(
            call=call,
            name=name,
            email=f"applicant{n}@{program.slug}.kamrat.test",
            motivation="I want to give others the hope someone once gave me.",
            lived_experience=experience,
            availability=availability,
            language=language,
            step=step,
        )
