"""The placements app's part of the authorization world.

Importing this module registers its URL parameters, gates and objects with
authz_world. Every rule calls the app's own predicates.

Each programme has three matching events: one open, one scheduled and one
held, with offers from its ward (whose contact is in the world) and from a
clinic (whose answers the ward's contact must never see). s1 is placed with
the ward and s2 with the clinic, so the ward's contact may read s1's email
address and not s2's.
"""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from kamrat.accounts.models import User
from kamrat.core.testing import make_workplace
from kamrat.placements import permissions as placement_permissions
from kamrat.placements import services as placement_services
from kamrat.placements.models import Interest, MatchingEvent, Placement
from kamrat.programs.models import Program

from . import authz_world as w


def _program_of(obj: Any) -> Program:
    return obj if isinstance(obj, Program) else obj.program


def _signed(predicate):
    def check(viewer: User | None, obj: Any) -> bool:
        return viewer is not None and bool(predicate(viewer, obj))

    return check


def _manages(viewer: User | None, obj: Any) -> bool:
    return viewer is not None and placement_permissions.can_manage_placements(
        viewer, _program_of(obj)
    )


w.PARAMS["event_id"] = (
    MatchingEvent,
    "pk",
    _signed(placement_permissions.can_view_matchingevent),
)
w.PARAMS["placement_id"] = (
    Placement,
    "pk",
    _signed(placement_permissions.can_view_placement),
)
w.GATES.update(
    {
        "placements:overview": _manages,
        "placements:event_new": _manages,
        "placements:placement_new": _manages,
        "placements:events": _signed(placement_permissions.can_see_events),
        "placements:workplace": _signed(placement_permissions.can_view_own_workplace),
        "placements:offer": _signed(placement_permissions.can_offer_at),
        "placements:interest": _signed(placement_permissions.can_show_interest_at),
    }
)


def _email_also_for_units(marker: w.Marker) -> None:
    """A placed peer supporter's address is for the unit they work with, too."""
    before = marker.visible_to
    owner, program = marker.owner, marker.program

    def check(viewer: User | None) -> bool:
        if before(viewer):
            return True
        return (
            viewer is not None
            and owner is not None
            and placement_permissions.can_see_placed_supporter_contact(
                viewer, owner, program
            )
        )

    marker.visible_to = check


def build(world: w.World) -> None:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for key, program in world.programs.items():
        people = {k.split(".", 1)[1]: u for k, u in world.people.items() if k[0] == key}
        coordinator, contact = people["coord"], people["wplace"]
        s1, s2 = people["supone"], people["suptwo"]
        ward = program.workplaces.get(name=f"Ward {key}")
        clinic = make_workplace(program=program, name=f"Clinic {key}")
        events = {}
        for what, days in (("open", 20), ("scheduled", 10), ("held", -20)):
            event = placement_services.event_create(
                program=program,
                title=f"Matching {what} {key}",
                starts_at=now + timedelta(days=days),
                place=f"Hall {key}",
                by=coordinator,
            )
            at_ward = placement_services.offer_save(
                event=event, workplace=ward, description=f"Ward {key}", by=contact
            )
            at_clinic = placement_services.offer_save(
                event=event, workplace=clinic, description=f"Clinic {key}", by=contact
            )
            # s1 and the ward want to meet; s2 marked both, only the clinic said yes.
            Interest.objects.bulk_create(
                [
                    Interest(
                        offer=at_ward,
                        supporter=s1,
                        from_supporter=True,
                        from_workplace=True,
                    ),
                    Interest(offer=at_ward, supporter=s2, from_supporter=True),
                    Interest(
                        offer=at_clinic,
                        supporter=s2,
                        from_supporter=True,
                        from_workplace=True,
                    ),
                ]
            )
            if what != "open":
                placement_services.schedule_build(event=event)
            if what == "held":
                placement_services.event_mark_held(event=event)
            events[what] = event
        for supporter, workplace in ((s1, ward), (s2, clinic)):
            placement_services.placement_record(
                program=program,
                supporter=supporter,
                workplace=workplace,
                starts_on=timezone.localdate() - timedelta(days=10),
                hours_per_week=10,
                event=events["held"],
                by=coordinator,
            )
    placed = set(Placement.objects.values_list("supporter_id", flat=True))
    for marker in world.markers:
        if marker.kind == "email" and marker.owner and marker.owner.pk in placed:
            _email_also_for_units(marker)


w.EXTRA_BUILDERS.append(build)
