"""RFC 5545 calendar data. Titles say only 'Kamrat': safe on a shared screen."""

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress

from ..choices import Mode
from ..models import Meeting

PRIVATE_PLACE_MODES = {Mode.WARD, Mode.CLINIC}


def _event(meeting: Meeting, *, now: datetime) -> Event:
    from .meetings import video_url

    zone = ZoneInfo(meeting.pairing.program.time_zone)
    event = Event()
    event.add("uid", f"{meeting.uid}@kamrat")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", now)
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", _("Kamrat: meeting"))
    cancelled = meeting.status == Meeting.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{_address(settings.DEFAULT_FROM_EMAIL)}")
    organizer.params["cn"] = "Kamrat"
    event.add("organizer", organizer)
    url = video_url(meeting)
    if url:
        event.add("location", url)
        event.add("url", url)
    elif meeting.place and meeting.mode not in PRIVATE_PLACE_MODES:
        event.add("location", meeting.place)
    event.add("description", str(Mode(meeting.mode).label))
    return event


def _address(from_email: str) -> str:
    return from_email.rsplit("<", 1)[-1].rstrip(">").strip()


def meeting_calendar(
    meeting: Meeting, *, method: str, attendee_email: str, now: datetime
) -> bytes:
    """One meeting as an invitation (METHOD:REQUEST) or cancellation (METHOD:CANCEL)."""
    calendar = Calendar()
    calendar.add("prodid", "-//Kamrat//Peer support//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = _event(meeting, now=now)
    attendee = vCalAddress(f"mailto:{attendee_email}")
    attendee.params["role"] = "REQ-PARTICIPANT"
    event.add("attendee", attendee)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_calendar(
    meetings: Iterable[Meeting], *, language: str, now: datetime
) -> bytes:
    """A person's meetings as a subscribable feed (METHOD:PUBLISH)."""
    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", "-//Kamrat//Peer support//EN")
        calendar.add("version", "2.0")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", "Kamrat")
        for meeting in meetings:
            calendar.add_component(_event(meeting, now=now))
        calendar.add_missing_timezones()
        return calendar.to_ical()
