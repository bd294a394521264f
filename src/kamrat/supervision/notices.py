"""Emails to peer supporters about supervision, kept in an outbox.

A row is written in the same transaction as the change and the worker is asked
to send it after that commit. SMTP trouble leaves it unsent for a retry; a row
is locked while sent and marked sent at once, so nobody is told twice.
"""

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress

from .models import Notice, SupervisionSession

logger = logging.getLogger(__name__)


def notices_write(*, session: SupervisionSession, kind: str) -> list[Notice]:
    """One email per invited peer supporter; call inside the write."""
    people = [i.supporter for i in session.invitations.select_related("supporter")]
    created = Notice.objects.bulk_create(
        Notice(recipient=p, session=session, kind=kind, sequence=session.sequence)
        for p in people
        if p.email
    )
    ids = [n.pk for n in created]
    transaction.on_commit(lambda: _enqueue(ids))
    return created


def _enqueue(ids: list[int], at: datetime | None = None) -> None:
    from .tasks import supervision_notice_send

    task = (
        supervision_notice_send
        if at is None
        else supervision_notice_send.using(run_after=at)
    )
    for pk in ids:
        task.enqueue(pk)


def notice_send_now(*, notice_id: int) -> bool:
    """Send one notice if unsent and still current. True when it went out."""
    with transaction.atomic():
        notice = (
            Notice.objects.select_for_update(skip_locked=True)
            .select_related("session__program", "recipient")
            .filter(pk=notice_id, sent_at__isnull=True)
            .first()
        )
        if notice is None:
            return False
        if notice.sequence != notice.session.sequence:
            # A newer change supersedes this one: only the latest is told.
            notice.delete()
            return False
        try:
            _message(notice).send()
        except OSError:
            notice.attempts += 1
            notice.save(update_fields=["attempts"])
            logger.warning("supervision notice %s not sent; will retry", notice.pk)
            retry_at = timezone.now() + timedelta(minutes=min(2**notice.attempts, 60))
            transaction.on_commit(lambda: _enqueue([notice.pk], retry_at))
            return False
        notice.sent_at = timezone.now()
        notice.attempts += 1
        notice.save(update_fields=["sent_at", "attempts"])
        return True


def notices_sweep() -> int:
    """Send everything still unsent, e.g. after the mail server was down."""
    waiting = Notice.objects.filter(sent_at__isnull=True)
    return sum(
        notice_send_now(notice_id=pk) for pk in waiting.values_list("pk", flat=True)
    )


def session_calendar(
    session: SupervisionSession, *, method: str, attendee_email: str
) -> bytes:
    """The session as an RFC 5545 invitation or cancellation."""
    from .services import video_url

    zone = ZoneInfo(session.program.time_zone)
    event = Event()
    event.add("uid", f"supervision-{session.uid}@kamrat")
    event.add("sequence", session.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at.astimezone(zone))
    event.add("dtend", session.ends_at.astimezone(zone))
    event.add("summary", _("Kamrat: supervision"))
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    sender = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip()
    organizer = vCalAddress(f"mailto:{sender}")
    organizer.params["cn"] = "Kamrat"
    event.add("organizer", organizer)
    url = video_url(session)
    if url:
        event.add("location", url)
        event.add("url", url)
    elif session.place:
        event.add("location", session.place)
    attendee = vCalAddress(f"mailto:{attendee_email}")
    attendee.params["role"] = "REQ-PARTICIPANT"
    event.add("attendee", attendee)
    calendar = Calendar()
    calendar.add("prodid", "-//Kamrat//Peer support//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _message(notice: Notice) -> EmailMessage:
    from .services import video_url

    session = notice.session
    recipient = notice.recipient
    language = recipient.preferred_language or session.program.default_language
    with translation.override(language):
        local = session.starts_at.astimezone(ZoneInfo(session.program.time_zone))
        when = formats.date_format(local, "l j F H:i")
        subjects = {
            Notice.Kind.INVITED: _("Kamrat: supervision %(when)s"),
            Notice.Kind.MOVED: _("Kamrat: supervision moved to %(when)s"),
            Notice.Kind.CANCELLED: _("Kamrat: supervision %(when)s cancelled"),
        }
        context = {
            "notice": notice,
            "session": session,
            "recipient": recipient,
            "when": when,
            "video_url": video_url(session),
            "link": settings.SITE_URL
            + reverse("supervision:mine", args=[session.program.slug]),
        }
        body = render_to_string("supervision/email/notice.txt", context)
        method = "CANCEL" if notice.kind == Notice.Kind.CANCELLED else "REQUEST"
        message = EmailMessage(
            subject=subjects[notice.kind] % {"when": when},
            body=body,
            to=[recipient.email],
        )
        message.attach(
            "kamrat.ics",
            session_calendar(session, method=method, attendee_email=recipient.email),
            f"text/calendar; charset=utf-8; method={method}",
        )
        return message
