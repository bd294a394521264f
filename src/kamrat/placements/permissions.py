"""One predicate per question about matching events and placements.

Coordinators and admins see everything in their programme. A workplace contact
acts for their own unit only, and a peer supporter for themself only: neither
sees another workplace's answers or another supporter's interests.
"""

from django.http import Http404

from kamrat.accounts.models import Membership, Role, User
from kamrat.accounts.permissions import roles_in
from kamrat.programs.models import Program, Workplace

from .models import MatchingEvent, Placement

RUNS_PROGRAM = {Role.COORDINATOR, Role.PROGRAM_ADMIN}
# Events people take part in; a held event is the coordinator's record.
TAKING_PART = {MatchingEvent.Status.OPEN, MatchingEvent.Status.SCHEDULED}


def can_manage_placements(user: User, program: Program) -> bool:
    """Coordinators and admins run events and record placements."""
    if roles_in(user, program.pk) & RUNS_PROGRAM:  # they run the programme
        return True
    return False


def can_view_matchingevent(user: User, event: MatchingEvent) -> bool:
    """The whole event (every offer, interest and answer) is for who runs it."""
    if roles_in(user, event.program_id) & RUNS_PROGRAM:
        return True
    return False


def can_view_placement(user: User, placement: Placement) -> bool:
    if roles_in(user, placement.program_id) & RUNS_PROGRAM:
        return True
    return False


def workplace_of(user: User, program: Program) -> Workplace | None:
    """The unit a workplace contact speaks for in the programme, if any."""
    if Role.WORKPLACE_CONTACT not in roles_in(user, program.pk):  # cached read
        return None
    membership = (
        Membership.objects.active()
        .filter(user=user, program=program, role=Role.WORKPLACE_CONTACT)
        .exclude(workplace=None)
        .select_related("workplace")
        .first()
    )
    return membership.workplace if membership else None


def can_view_own_workplace(user: User, program: Program) -> bool:
    """A workplace contact's page about the peer supporters placed with them."""
    if workplace_of(user, program) is not None:  # contacts with a unit only
        return True
    return False


def is_peer_supporter(user: User, program: Program) -> bool:
    """Peer supporters of the programme mark interest at its events."""
    if Role.PEER_SUPPORTER in roles_in(user, program.pk):
        return True
    return False


def can_see_events(user: User, program: Program) -> bool:
    """The list of events to take part in: peer supporters and workplace contacts."""
    roles = roles_in(user, program.pk)
    if Role.PEER_SUPPORTER in roles:
        return True
    if Role.WORKPLACE_CONTACT in roles:
        return True
    return False


def can_offer_at(user: User, event: MatchingEvent) -> bool:
    """A workplace contact's page for the event: their offer and their answers."""
    if event.status not in TAKING_PART:  # a held event is over for them
        return False
    if workplace_of(user, event.program) is not None:
        return True
    return False


def can_show_interest_at(user: User, event: MatchingEvent) -> bool:
    """A peer supporter's page for the event: ticks, then their own meetings."""
    if event.status not in TAKING_PART:  # a held event is over for them
        return False
    if is_peer_supporter(user, event.program):
        return True
    return False


def can_see_placed_supporter_contact(
    user: User, supporter: User, program: Program
) -> bool:
    """A unit reaches the peer supporters working with it now, by email."""
    from .selectors import placements_current

    placed = placements_current(program=program).filter(supporter=supporter)
    if roles_in(user, program.pk) & RUNS_PROGRAM and placed.exists():
        return True  # they recorded the placement
    workplace = workplace_of(user, program)
    if workplace is not None and placed.filter(workplace=workplace).exists():
        return True  # placed with their unit now
    return False


def get_program_for_manager(user: User, slug: str) -> Program:
    """404 both when missing and when not theirs, so slugs reveal nothing."""
    program = Program.objects.filter(slug=slug).first()
    if program is None or not can_manage_placements(user, program):
        raise Http404
    return program


def get_program_for_events(user: User, slug: str) -> Program:
    program = Program.objects.filter(slug=slug).first()
    if program is None or not can_see_events(user, program):
        raise Http404
    return program


def get_program_and_workplace(user: User, slug: str) -> tuple[Program, Workplace]:
    program = Program.objects.filter(slug=slug).first()
    workplace = workplace_of(user, program) if program else None
    if program is None or workplace is None:
        raise Http404
    return program, workplace


def _event(event_id: int) -> MatchingEvent | None:
    return (
        MatchingEvent.objects.select_related("program", "cohort")
        .filter(pk=event_id)
        .first()
    )


def get_event_for_manager(user: User, event_id: int) -> MatchingEvent:
    event = _event(event_id)
    if event is None or not can_view_matchingevent(user, event):
        raise Http404
    return event


def get_event_for_workplace(
    user: User, event_id: int
) -> tuple[MatchingEvent, Workplace]:
    event = _event(event_id)
    if event is None or not can_offer_at(user, event):
        raise Http404
    workplace = workplace_of(user, event.program)
    if workplace is None:
        raise Http404
    return event, workplace


def get_event_for_supporter(user: User, event_id: int) -> MatchingEvent:
    event = _event(event_id)
    if event is None or not can_show_interest_at(user, event):
        raise Http404
    return event


def get_placement_for_manager(user: User, placement_id: int) -> Placement:
    placement = (
        Placement.objects.select_related("program", "supporter", "workplace")
        .filter(pk=placement_id)
        .first()
    )
    if placement is None or not can_view_placement(user, placement):
        raise Http404
    return placement
