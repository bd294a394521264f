"""Reads for matching events and placements, each scoped by its caller's question."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from kamrat.accounts.models import Membership, Role, User
from kamrat.programs.models import Program, Workplace

from .models import EventMeeting, Interest, MatchingEvent, Offer, Placement
from .permissions import TAKING_PART


def peer_supporters(*, program: Program) -> QuerySet[User]:
    """Everyone who is an active peer supporter of the programme."""
    ids = Membership.objects.active().filter(program=program, role=Role.PEER_SUPPORTER)
    return User.objects.filter(pk__in=ids.values("user_id")).order_by("name")


def events_all(*, program: Program) -> QuerySet[MatchingEvent]:
    return MatchingEvent.objects.filter(program=program).annotate(
        offer_count=Count("offers", distinct=True)
    )


def events_taking_part(*, program: Program) -> QuerySet[MatchingEvent]:
    """Events peer supporters and workplaces take part in: open or scheduled."""
    return MatchingEvent.objects.filter(program=program, status__in=TAKING_PART)


def slot_times(event: MatchingEvent, slot: int) -> tuple[datetime, datetime]:
    """When slot k runs: k whole meetings and gaps after the event starts."""
    start = event.starts_at + timedelta(
        minutes=slot * (event.slot_minutes + event.gap_minutes)
    )
    return start, start + timedelta(minutes=event.slot_minutes)


@dataclass(frozen=True)
class InterestRow:
    supporter: User
    offer: Offer
    from_supporter: bool
    from_workplace: bool

    @property
    def is_mutual(self) -> bool:
        return self.from_supporter and self.from_workplace


@dataclass(frozen=True)
class SlotRow:
    slot: int
    starts_at: datetime
    ends_at: datetime
    cells: list[User | None]  # one per offer, in the order of the columns


@dataclass(frozen=True)
class EventPicture:
    """Everything the coordinator's event page shows."""

    offers: list[Offer]
    interests: list[InterestRow]
    mutual_count: int
    rows: list[SlotRow]
    meetings: list[EventMeeting]


def event_picture(*, event: MatchingEvent) -> EventPicture:
    """Offers, every interest with the mutual ones marked, and the timetable."""
    offers = list(
        event.offers.select_related("workplace", "registered_by").order_by(
            "workplace__name", "pk"
        )
    )
    interests = [
        InterestRow(i.supporter, i.offer, i.from_supporter, i.from_workplace)
        for i in Interest.objects.filter(offer__event=event)
        .select_related("supporter", "offer__workplace")
        .order_by("supporter__name", "offer__workplace__name", "pk")
    ]
    meetings = list(
        event.meetings.select_related("supporter", "offer__workplace").order_by(
            "slot", "offer__workplace__name", "pk"
        )
    )
    return EventPicture(
        offers=offers,
        interests=interests,
        mutual_count=sum(1 for row in interests if row.is_mutual),
        rows=_grid(event, offers, meetings),
        meetings=meetings,
    )


def _grid(
    event: MatchingEvent, offers: list[Offer], meetings: list[EventMeeting]
) -> list[SlotRow]:
    column = {offer.pk: index for index, offer in enumerate(offers)}
    slots = sorted({m.slot for m in meetings})
    cells: dict[int, list[User | None]] = {s: [None] * len(offers) for s in slots}
    for meeting in meetings:
        cells[meeting.slot][column[meeting.offer_id]] = meeting.supporter
    rows = []
    for slot in slots:
        start, end = slot_times(event, slot)
        rows.append(SlotRow(slot, start, end, cells[slot]))
    return rows


@dataclass(frozen=True)
class TimedMeeting:
    meeting: EventMeeting
    starts_at: datetime
    ends_at: datetime


def _timed(event: MatchingEvent, meetings: QuerySet[EventMeeting]) -> list:
    return [TimedMeeting(m, *slot_times(event, m.slot)) for m in meetings]


def meetings_of_supporter(
    *, event: MatchingEvent, supporter: User
) -> list[TimedMeeting]:
    """One peer supporter's own timetable, with where and whom they meet."""
    return _timed(
        event,
        event.meetings.filter(supporter=supporter)
        .select_related("offer__workplace")
        .order_by("slot"),
    )


def meetings_of_offer(*, offer: Offer) -> list[TimedMeeting]:
    """One workplace's own timetable at the event."""
    return _timed(
        offer.event,
        offer.meetings.select_related("supporter").order_by("slot"),
    )


def offer_of(*, event: MatchingEvent, workplace: Workplace) -> Offer | None:
    return event.offers.filter(workplace=workplace).first()


def offers_of_event(*, event: MatchingEvent) -> QuerySet[Offer]:
    return event.offers.select_related("workplace").order_by("workplace__name", "pk")


def interest_offer_ids(*, event: MatchingEvent, supporter: User) -> set[int]:
    """The offers this peer supporter has ticked; nobody else's ticks."""
    return set(
        Interest.objects.filter(
            offer__event=event, supporter=supporter, from_supporter=True
        ).values_list("offer_id", flat=True)
    )


def interested_in(*, offer: Offer) -> QuerySet[Interest]:
    """The peer supporters who ticked this offer, for its own workplace to answer."""
    return (
        offer.interests.filter(from_supporter=True)
        .select_related("supporter")
        .order_by("supporter__name", "pk")
    )


def placements_current(*, program: Program) -> QuerySet[Placement]:
    """Placements that have not ended, including those starting later.

    `ends_on` is the last day worked, so one ended today is no longer current.
    """
    today = timezone.localdate()
    return Placement.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=today), program=program
    )


def placements_for_manager(*, program: Program) -> QuerySet[Placement]:
    return (
        placements_current(program=program)
        .select_related("supporter", "workplace", "event")
        .order_by("workplace__name", "supporter__name", "pk")
    )


def placed_with(*, program: Program, workplace: Workplace) -> QuerySet[Placement]:
    """The peer supporters working with this unit now or soon; nothing else."""
    return (
        placements_current(program=program)
        .filter(workplace=workplace)
        .select_related("supporter")
        .order_by("supporter__name", "pk")
    )
