"""A peer supporter's data from matching events and placements: export and erasure.

See `kamrat.privacy.rights` for the contract. Offers belong to workplaces and
events to the programme; who registered or created them is cleared with the
account by the database.
"""

from django.utils.translation import gettext_lazy as _

from kamrat.accounts.models import User

from .models import EventMeeting, Interest, Placement
from .selectors import slot_times

TITLE = _("Matching events and placements")
LABELS = {
    "interests": _("Offers you marked at matching events"),
    "meetings": _("Your meetings at matching events"),
    "placements": _("Your placements with workplaces"),
    "programme": _("Programme"),
    "event": _("Event"),
    "workplace": _("Workplace"),
    "you_were_interested": _("You were interested"),
    "workplace_wanted_to_meet": _("The workplace wanted to meet you"),
    "starts_at": _("Starts"),
    "ends_at": _("Ends"),
    "place": _("Place"),
    "starts_on": _("First day"),
    "ends_on": _("Last day"),
    "hours_per_week": _("Hours per week"),
}


def export(user: User) -> dict:
    """Everything here that is about the person: interests, meetings, placements."""
    interests = (
        Interest.objects.filter(supporter=user)
        .select_related("offer__event__program", "offer__workplace")
        .order_by("offer__event__starts_at", "pk")
    )
    meetings = (
        EventMeeting.objects.filter(supporter=user)
        .select_related("event__program", "offer__workplace")
        .order_by("event__starts_at", "slot", "pk")
    )
    placements = (
        Placement.objects.filter(supporter=user)
        .select_related("program", "workplace")
        .order_by("starts_on", "pk")
    )
    data: dict = {
        "interests": [
            {
                "programme": i.offer.event.program.name,
                "event": i.offer.event.title,
                "workplace": i.offer.workplace.name,
                "you_were_interested": i.from_supporter,
                "workplace_wanted_to_meet": i.from_workplace,
            }
            for i in interests
        ],
        "meetings": [],
        "placements": [
            {
                "programme": p.program.name,
                "workplace": p.workplace.name,
                "starts_on": p.starts_on.isoformat(),
                "ends_on": p.ends_on.isoformat() if p.ends_on else None,
                "hours_per_week": p.hours_per_week,
            }
            for p in placements
        ],
    }
    for m in meetings:
        starts_at, ends_at = slot_times(m.event, m.slot)
        data["meetings"].append(
            {
                "programme": m.event.program.name,
                "event": m.event.title,
                "workplace": m.offer.workplace.name,
                "starts_at": starts_at.isoformat(),
                "ends_at": ends_at.isoformat(),
                "place": m.event.place,
            }
        )
    # A participant, or anyone who never took part, has nothing here.
    return data if any(data.values()) else {}


def erase(user: User) -> None:
    """Delete the person's interests, meetings and placements."""
    Interest.objects.filter(supporter=user).delete()
    EventMeeting.objects.filter(supporter=user).delete()
    Placement.objects.filter(supporter=user).delete()
