from django.core.cache import cache
from django.db import DatabaseError

from .models import Area, Country, CrisisContact, Program, Workplace

_CRISIS_CACHE_KEY = "kamrat:crisis-contacts:v1"

# Used when the database cannot answer (the 500 page), so the numbers always show.
FALLBACK_CRISIS_CONTACTS: dict[str, list[dict[str, str]]] = {
    Country.SWEDEN: [
        {"kind": "emergency", "name": "SOS Alarm", "number": "112"},
        {"kind": "health_advice", "name": "1177 Vårdguiden", "number": "1177"},
        {"kind": "suicide_line", "name": "Mind Självmordslinjen", "number": "90101"},
    ],
    Country.DENMARK: [
        {"kind": "emergency", "name": "Alarm 112", "number": "112"},
        {"kind": "suicide_line", "name": "Livslinien", "number": "70 201 201"},
    ],
}


def crisis_contacts_by_country() -> dict[str, list[dict[str, str]]]:
    """Crisis numbers per country code, from the cache when it has them."""
    data = cache.get(_CRISIS_CACHE_KEY)
    if data is not None:
        return data
    try:
        data = {}
        for contact in CrisisContact.objects.all():
            data.setdefault(contact.country, []).append(
                {"kind": contact.kind, "name": contact.name, "number": contact.number}
            )
    except DatabaseError:
        return FALLBACK_CRISIS_CONTACTS
    cache.set(_CRISIS_CACHE_KEY, data, 300)
    return data


def crisis_contacts_forget() -> None:
    cache.delete(_CRISIS_CACHE_KEY)


def program_list_public() -> list[Program]:
    return list(Program.objects.public())


def program_get_public(*, slug: str) -> Program | None:
    return Program.objects.public().filter(slug=slug).first()


def area_list(*, program: Program) -> list[Area]:
    return list(program.areas.all())


def workplace_list(*, program: Program) -> list[Workplace]:
    return list(program.workplaces.select_related("area"))
