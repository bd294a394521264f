"""When a peer supporter can meet: weekly times minus time off minus other meetings."""

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kamrat.accounts.models import User
from kamrat.programs.models import Program

from ..choices import DAY_PART_HOURS, slot
from ..models import Meeting, TimeOff, WeeklyTime


def local_datetime(*, day: date, at: time, zone: str) -> datetime:
    """An aware datetime for a wall-clock time; refuses times skipped by DST."""
    tz = ZoneInfo(zone)
    value = datetime.combine(day, at, tzinfo=tz)
    # A time in the spring-forward gap does not survive the round trip through UTC.
    if value.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != (
        datetime.combine(day, at)
    ):
        raise ValidationError(
            _("That time does not exist on this day (clocks change).")
        )
    return value


def weekly_slots(times: Iterable[WeeklyTime]) -> frozenset[int]:
    """The weekly day-part slots (for matching) that a set of weekly times touches."""
    slots = set()
    for weekly in times:
        for part, (start, end) in DAY_PART_HOURS.items():
            if weekly.starts < time(end) and weekly.ends > time(start):
                slots.add(slot(weekly.weekday, part))
    return frozenset(slots)


@transaction.atomic
def weekly_time_add(
    *, program: Program, supporter: User, weekday: int, starts: time, ends: time
) -> WeeklyTime:
    weekly = WeeklyTime(
        program=program, supporter=supporter, weekday=weekday, starts=starts, ends=ends
    )
    if ends <= starts:
        raise ValidationError(_("The end must be after the start."))
    weekly.full_clean()
    overlapping = WeeklyTime.objects.filter(
        program=program,
        supporter=supporter,
        weekday=weekday,
        starts__lt=ends,
        ends__gt=starts,
    )
    if overlapping.exists():
        raise ValidationError(_("This overlaps a time you already offer."))
    weekly.save()
    return weekly


@transaction.atomic
def time_off_add(
    *, program: Program, supporter: User, first_day: date, last_day: date, kind: str
) -> TimeOff:
    if last_day < first_day:
        raise ValidationError(_("The last day must not be before the first day."))
    off = TimeOff(
        program=program,
        supporter=supporter,
        first_day=first_day,
        last_day=last_day,
        kind=kind,
    )
    off.full_clean()
    off.save()
    return off


def is_within_availability(
    *, program: Program, supporter: User, starts_at: datetime, ends_at: datetime
) -> bool:
    """True when the meeting lies inside one weekly time, on a day not taken off."""
    tz = ZoneInfo(program.time_zone)
    start, end = starts_at.astimezone(tz), ends_at.astimezone(tz)
    if start.date() != end.date():
        return False
    if TimeOff.objects.filter(
        program=program,
        supporter=supporter,
        first_day__lte=start.date(),
        last_day__gte=start.date(),
    ).exists():
        return False
    return WeeklyTime.objects.filter(
        program=program,
        supporter=supporter,
        weekday=start.weekday(),
        starts__lte=start.time(),
        ends__gte=end.time(),
    ).exists()


def open_times(
    *,
    program: Program,
    supporter: User,
    participant: User | None = None,
    days: int = 14,
    minutes: int = 60,
    now: datetime | None = None,
) -> list[datetime]:
    """Start times a meeting of `minutes` can be booked at, over the coming days."""
    now = now or timezone.now()
    tz = ZoneInfo(program.time_zone)
    today = now.astimezone(tz).date()
    last = today + timedelta(days=days)
    weekly = list(WeeklyTime.objects.filter(program=program, supporter=supporter))
    offs = list(
        TimeOff.objects.filter(
            program=program,
            supporter=supporter,
            last_day__gte=today,
            first_day__lte=last,
        )
    )
    people = [supporter] + ([participant] if participant else [])
    busy = list(
        busy_meetings(people=people, start=now, end=now + timedelta(days=days + 1))
    )
    result = []
    for offset in range(days + 1):
        day = today + timedelta(days=offset)
        if any(off.first_day <= day <= off.last_day for off in offs):
            continue
        for window in (w for w in weekly if w.weekday == day.weekday()):
            for start in _steps(day, window, minutes, program.time_zone):
                end = start + timedelta(minutes=minutes)
                if start <= now:
                    continue
                if any(m.starts_at < end and m.ends_at > start for m in busy):
                    continue
                result.append(start)
    return sorted(result)


def _steps(
    day: date, window: WeeklyTime, minutes: int, zone: str
) -> Iterator[datetime]:
    cursor = datetime.combine(day, window.starts)
    end = datetime.combine(day, window.ends)
    while cursor + timedelta(minutes=minutes) <= end:
        try:
            yield local_datetime(day=day, at=cursor.time(), zone=zone)
        except ValidationError:
            pass  # skipped by the clock change
        cursor += timedelta(minutes=30)


def busy_meetings(*, people: list[User], start: datetime, end: datetime):
    from django.db.models import Q

    ids = [p.pk for p in people]
    return Meeting.objects.filter(
        Q(pairing__supporter_id__in=ids) | Q(pairing__participant_id__in=ids),
        status=Meeting.Status.SCHEDULED,
        starts_at__lt=end,
        ends_at__gt=start,
    )
