"""A trainee's schedule as a subscribable RFC 5545 feed.

The feed is read by whoever holds its secret address, so it names nobody:
no trainee and no leader, only the topic, the place and the times.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import Enrolment, Session, Week
from .selectors import week_dates


def _session_event(session: Session, *, zone: ZoneInfo, now: datetime) -> Event:
    event = Event()
    event.add("uid", f"training-{session.uid}@kamrat")
    event.add("sequence", session.sequence)
    event.add("dtstamp", now)
    event.add("dtstart", session.starts_at.astimezone(zone))
    event.add("dtend", session.ends_at.astimezone(zone))
    event.add("summary", _("Kamrat: training"))
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    if session.place:
        event.add("location", session.place)
    lines = [session.topic]
    if session.led_by_peer_supporter:
        lines.append(_("Led by a peer supporter"))
    event.add("description", "\n".join(lines))
    return event


def _home_week_event(week: Week, *, now: datetime) -> Event:
    first, last = week_dates(starts_on=week.cohort.starts_on, number=week.number)
    event = Event()
    event.add("uid", f"training-week-{week.cohort_id}-{week.number}@kamrat")
    event.add("dtstamp", now)
    event.add("dtstart", first)
    event.add("dtend", last + timedelta(days=1))
    event.add("summary", _("Kamrat: home study week"))
    event.add("transp", "TRANSPARENT")
    if week.theme:
        event.add("description", week.theme)
    return event


def feed_calendar(*, enrolment: Enrolment, now: datetime) -> bytes:
    """The cohort's sessions, cancelled ones marked so, and its home-study weeks."""
    cohort = enrolment.cohort
    zone = ZoneInfo(cohort.program.time_zone)
    language = enrolment.user.preferred_language or cohort.program.default_language
    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", "-//Kamrat//Peer support//EN")
        calendar.add("version", "2.0")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", _("Kamrat: training"))
        for session in cohort.sessions.all():
            calendar.add_component(_session_event(session, zone=zone, now=now))
        for week in cohort.weeks.filter(kind=Week.Kind.HOME_STUDY):
            week.cohort = cohort
            calendar.add_component(_home_week_event(week, now=now))
        calendar.add_missing_timezones()
        return calendar.to_ical()
