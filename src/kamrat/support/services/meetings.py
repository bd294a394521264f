"""Booking, moving and cancelling meetings; each re-plans mail, calendar and room."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kamrat.accounts.models import User

from ..choices import Mode
from ..models import Meeting, Pairing, _room_name
from .availability import busy_meetings, is_within_availability
from .notifications import meeting_notify

MAX_MINUTES = 180
NEEDS_PLACE = {Mode.WALK, Mode.FIKA, Mode.ACTIVITY, Mode.ACCOMPANY}


def video_url(meeting: Meeting) -> str:
    base = meeting.pairing.program.video_base_url or settings.VIDEO_BASE_URL
    return f"{base.rstrip('/')}/{meeting.video_room}" if meeting.video_room else ""


def _validate(
    *,
    pairing: Pairing,
    starts_at: datetime,
    minutes: int,
    mode: str,
    place: str,
    ignore: Meeting | None = None,
) -> datetime:
    if pairing.status != Pairing.Status.ACTIVE:
        raise ValidationError(_("Meetings can be booked while the contact is active."))
    if mode not in Mode.values:
        raise ValidationError(_("Choose a way to meet."))
    if not 15 <= minutes <= MAX_MINUTES:
        raise ValidationError(_("A meeting lasts between 15 minutes and 3 hours."))
    if mode in NEEDS_PLACE and not place.strip():
        raise ValidationError(_("Write where you will meet."))
    if starts_at <= timezone.now():
        raise ValidationError(_("That time has already passed. Choose a time ahead."))
    ends_at = starts_at + timedelta(minutes=minutes)
    if not is_within_availability(
        program=pairing.program,
        supporter=pairing.supporter,
        starts_at=starts_at,
        ends_at=ends_at,
    ):
        raise ValidationError(_("The peer supporter is not available then."))
    clashes = busy_meetings(
        people=[pairing.supporter, pairing.participant], start=starts_at, end=ends_at
    )
    if ignore is not None:
        clashes = clashes.exclude(pk=ignore.pk)
    if clashes.exists():
        raise ValidationError(_("There is already a meeting at that time."))
    return ends_at


@transaction.atomic
def meeting_book(
    *,
    pairing: Pairing,
    by: User,
    starts_at: datetime,
    minutes: int,
    mode: str,
    place: str = "",
) -> Meeting:
    """Book a meeting; both people get a confirmation with a calendar file."""
    pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
    ends_at = _validate(
        pairing=pairing, starts_at=starts_at, minutes=minutes, mode=mode, place=place
    )
    meeting = Meeting.objects.create(
        pairing=pairing,
        starts_at=starts_at,
        ends_at=ends_at,
        mode=mode,
        place=place.strip() if mode != Mode.VIDEO else "",
        video_room=_room_name() if mode == Mode.VIDEO else "",
        booked_by=by,
    )
    meeting_notify(meeting=meeting, kind="booked")
    return meeting


@transaction.atomic
def meeting_move(
    *,
    meeting: Meeting,
    by: User,
    starts_at: datetime,
    minutes: int | None = None,
    mode: str | None = None,
    place: str | None = None,
) -> Meeting:
    """Move a meeting: time, reminders, calendar entry and video room change at once."""
    meeting = (
        Meeting.objects.select_for_update().select_related("pairing").get(pk=meeting.pk)
    )
    if not meeting.is_scheduled:
        raise ValidationError(_("Only a planned meeting can be moved."))
    minutes = minutes or meeting.duration_minutes
    mode = mode or meeting.mode
    place = meeting.place if place is None else place
    ends_at = _validate(
        pairing=meeting.pairing,
        starts_at=starts_at,
        minutes=minutes,
        mode=mode,
        place=place,
        ignore=meeting,
    )
    meeting.starts_at, meeting.ends_at, meeting.mode = starts_at, ends_at, mode
    meeting.place = place.strip() if mode != Mode.VIDEO else ""
    # A fresh room: the old address, if it was shared, no longer leads anywhere.
    meeting.video_room = _room_name() if mode == Mode.VIDEO else ""
    meeting.sequence += 1
    meeting.updated_at = timezone.now()
    meeting.save()
    meeting_notify(meeting=meeting, kind="moved")
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by: User) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.is_scheduled:
        raise ValidationError(_("This meeting is no longer planned."))
    meeting.status = Meeting.Status.CANCELLED
    meeting.sequence += 1
    meeting.updated_at = timezone.now()
    meeting.save(update_fields=["status", "sequence", "updated_at"])
    meeting_notify(meeting=meeting, kind="cancelled")
    return meeting


@transaction.atomic
def meeting_record(*, meeting: Meeting, by: User, status: str) -> Meeting:
    """After the time: kept or did not happen. Counting only; nothing about content."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if status not in {Meeting.Status.KEPT, Meeting.Status.NO_SHOW}:
        raise ValidationError(_("Choose kept or did not happen."))
    if meeting.status == Meeting.Status.CANCELLED or meeting.starts_at > timezone.now():
        raise ValidationError(_("A meeting can be marked once its time has come."))
    meeting.status = status
    meeting.save(update_fields=["status"])
    return meeting
