"""The matching event from offers to timetable, and the placements that follow."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kamrat.accounts.models import User
from kamrat.accounts.selectors import overview_forget
from kamrat.programs.models import Program, Workplace
from kamrat.training.models import Cohort

from .models import EventMeeting, Interest, MatchingEvent, Offer, Placement
from .schedule import schedule
from .selectors import peer_supporters, placements_current

TITLE_MAX = 160
PLACE_MAX = 200
DESCRIPTION_MAX = 2000
SLOT_MINUTES = (5, 60)
GAP_MINUTES = (0, 30)
HOURS = (1, 60)
PLACES = (1, 20)
# Events can be entered afterwards (to record what happened) and planned ahead.
PAST_LIMIT = timedelta(days=365)
FUTURE_LIMIT = timedelta(days=2 * 365)

Status = MatchingEvent.Status


def _forget_home_pages() -> None:
    # The home page links to events only while one is open or scheduled.
    transaction.on_commit(overview_forget)


def _check_text(value: str, *, limit: int, missing: str, too_long: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationError(missing)
    if len(value) > limit:
        raise ValidationError(too_long)
    return value


def _check_range(value: int | None, bounds: tuple[int, int], message: str) -> None:
    if value is not None and not bounds[0] <= value <= bounds[1]:
        raise ValidationError(message)


def _is_peer_supporter(program: Program, supporter: User) -> bool:
    return peer_supporters(program=program).filter(pk=supporter.pk).exists()


@transaction.atomic(durable=True)
def event_create(
    *,
    program: Program,
    title: str,
    starts_at: datetime,
    place: str,
    by: User,
    slot_minutes: int = 10,
    gap_minutes: int = 5,
    cohort: Cohort | None = None,
) -> MatchingEvent:
    """A matching event, open for offers and interest until it is scheduled.

    Raises ValidationError, saving nothing, on any rule broken.
    """
    title = _check_text(
        title,
        limit=TITLE_MAX,
        missing=_("Give the event a name."),
        too_long=_("The name is too long. Please shorten it."),
    )
    place = _check_text(
        place,
        limit=PLACE_MAX,
        missing=_("Write where the event is."),
        too_long=_("The place is too long. Please shorten it."),
    )
    now = timezone.now()
    if not now - PAST_LIMIT <= starts_at <= now + FUTURE_LIMIT:
        raise ValidationError(
            _("Choose a day within the last year or the next two years.")
        )
    _check_range(
        slot_minutes, SLOT_MINUTES, _("A meeting lasts between 5 and 60 minutes.")
    )
    _check_range(
        gap_minutes, GAP_MINUTES, _("The break between meetings is 0 to 30 minutes.")
    )
    if cohort is not None and cohort.program_id != program.pk:
        raise ValidationError(_("Choose a cohort of this programme."))
    event = MatchingEvent.objects.create(
        program=program,
        cohort=cohort,
        title=title,
        starts_at=starts_at,
        place=place,
        slot_minutes=slot_minutes,
        gap_minutes=gap_minutes,
        created_by=by,
    )
    _forget_home_pages()
    return event


def _check_open(event: MatchingEvent) -> None:
    if event.status != Status.OPEN:
        raise ValidationError(
            _("The schedule is made, so offers and interest can no longer change.")
        )


@transaction.atomic(durable=True)
def offer_save(
    *,
    event: MatchingEvent,
    workplace: Workplace,
    description: str,
    by: User,
    hours_per_week: int | None = None,
    places: int = 1,
) -> Offer:
    """Register or change a workplace's offer while the event is open."""
    _check_open(event)
    if workplace.program_id != event.program_id:
        raise ValidationError(_("The workplace belongs to another programme."))
    description = _check_text(
        description,
        limit=DESCRIPTION_MAX,
        missing=_("Write a few words about what you offer."),
        too_long=_("The description is too long. Please shorten it."),
    )
    _check_range(hours_per_week, HOURS, _("Choose between 1 and 60 hours a week."))
    _check_range(places, PLACES, _("Choose between 1 and 20 places."))
    offer, _created = Offer.objects.update_or_create(
        event=event,
        workplace=workplace,
        defaults={
            "description": description,
            "hours_per_week": hours_per_week,
            "places": places,
            "registered_by": by,
        },
    )
    return offer


@transaction.atomic(durable=True)
def interest_set_supporter(
    *, event: MatchingEvent, supporter: User, offer_ids: set[int]
) -> None:
    """The offers a peer supporter would like to hear more about, all at once.

    An offer no longer ticked loses the interest, and with it the workplace's
    answer to it.
    """
    _check_open(event)
    if not _is_peer_supporter(event.program, supporter):
        raise ValidationError(_("Only peer supporters of the programme take part."))
    offers = set(event.offers.filter(pk__in=offer_ids).values_list("pk", flat=True))
    if offers != set(offer_ids):
        raise ValidationError(_("Choose among the offers of this event."))
    mine = Interest.objects.filter(offer__event=event, supporter=supporter)
    mine.exclude(offer_id__in=offers).delete()
    for offer_id in sorted(offers):
        Interest.objects.update_or_create(
            offer_id=offer_id, supporter=supporter, defaults={"from_supporter": True}
        )


@transaction.atomic(durable=True)
def interest_set_workplace(*, offer: Offer, supporter_ids: set[int]) -> None:
    """Whom a workplace would like to meet, among those interested in its offer."""
    _check_open(offer.event)
    interests = {i.supporter_id: i for i in offer.interests.filter(from_supporter=True)}
    if not set(supporter_ids) <= set(interests):
        raise ValidationError(
            _("Choose among the peer supporters interested in your offer.")
        )
    for supporter_id, interest in interests.items():
        wanted = supporter_id in supporter_ids
        if interest.from_workplace != wanted:
            interest.from_workplace = wanted
            interest.save(update_fields=["from_workplace"])


@transaction.atomic(durable=True)
def schedule_build(*, event: MatchingEvent) -> list[EventMeeting]:
    """Replace the event's timetable: one meeting for each mutual interest.

    Only peer supporters still active in the programme are scheduled. Refuses,
    changing nothing, when no interest is mutual or the event is over.
    """
    return schedule_build_in_transaction(event=event)


def schedule_build_in_transaction(*, event: MatchingEvent) -> list[EventMeeting]:
    """schedule_build inside a transaction the caller holds (the demo's)."""
    event = MatchingEvent.objects.select_for_update().get(pk=event.pk)
    if event.status == Status.HELD:
        raise ValidationError(_("The event has been held; its schedule stays."))
    active = peer_supporters(program=event.program).values("pk")
    pairs = set(
        Interest.objects.filter(
            offer__event=event,
            from_supporter=True,
            from_workplace=True,
            supporter__in=active,
        ).values_list("supporter_id", "offer_id")
    )
    if not pairs:
        raise ValidationError(
            _(
                "No peer supporter and workplace both want to meet yet, "
                "so there is nothing to schedule."
            )
        )
    slots = schedule(pairs)
    event.meetings.all().delete()
    meetings = EventMeeting.objects.bulk_create(
        EventMeeting(event=event, supporter_id=s, offer_id=o, slot=slot)
        for (s, o), slot in sorted(slots.items(), key=lambda item: (item[1], item[0]))
    )
    event.status = Status.SCHEDULED
    event.save(update_fields=["status"])
    _forget_home_pages()
    return meetings


@transaction.atomic(durable=True)
def event_mark_held(*, event: MatchingEvent) -> MatchingEvent:
    """The event took place; the schedule stays as it was, as a record."""
    event = MatchingEvent.objects.select_for_update().get(pk=event.pk)
    if event.status != Status.SCHEDULED:
        raise ValidationError(_("Make the schedule before marking the event held."))
    if event.starts_at > timezone.now():
        raise ValidationError(_("The event can be marked held once it has started."))
    event.status = Status.HELD
    event.save(update_fields=["status"])
    _forget_home_pages()
    return event


def _check_day(day: date) -> None:
    today = timezone.localdate()
    if not today - PAST_LIMIT <= day <= today + FUTURE_LIMIT:
        raise ValidationError(
            _("Choose a day within the last year or the next two years.")
        )


@transaction.atomic(durable=True)
def placement_record(
    *,
    program: Program,
    supporter: User,
    workplace: Workplace,
    starts_on: date,
    by: User,
    hours_per_week: int | None = None,
    event: MatchingEvent | None = None,
) -> Placement:
    """A peer supporter starts working with a workplace of the programme."""
    if not _is_peer_supporter(program, supporter):
        raise ValidationError(_("Choose a peer supporter of this programme."))
    if workplace.program_id != program.pk:
        raise ValidationError(_("Choose a workplace of this programme."))
    if event is not None and event.program_id != program.pk:
        raise ValidationError(_("Choose an event of this programme."))
    _check_day(starts_on)
    _check_range(hours_per_week, HOURS, _("Choose between 1 and 60 hours a week."))
    if (
        placements_current(program=program)
        .filter(supporter=supporter, workplace=workplace)
        .exists()
    ):
        raise ValidationError(
            _("This peer supporter is already placed with this workplace.")
        )
    return Placement.objects.create(
        program=program,
        supporter=supporter,
        workplace=workplace,
        event=event,
        starts_on=starts_on,
        hours_per_week=hours_per_week,
        recorded_by=by,
    )


@transaction.atomic(durable=True)
def placement_end(*, placement: Placement) -> Placement | None:
    """End a placement today. One that has not started yet is removed instead.

    Returns the ended placement, or None when it was removed.
    """
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    today = timezone.localdate()
    if placement.ends_on is not None and placement.ends_on <= today:
        raise ValidationError(_("This placement has already ended."))
    if placement.starts_on > today:
        placement.delete()
        return None
    placement.ends_on = today
    placement.save(update_fields=["ends_on"])
    return placement
