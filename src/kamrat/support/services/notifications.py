"""Emails about meetings, kept in an outbox and sent by the worker.

A row is written in the same transaction as the change it tells about, and the
worker is asked to send it only after that commit. SMTP trouble leaves the row
unsent for a later try, so no message is lost; a row is locked while it is sent
and marked sent at once, so no message goes out twice.
"""

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from ..models import Meeting, Notification

logger = logging.getLogger(__name__)
N = Notification.Kind


def meeting_notify(*, meeting: Meeting, kind: str) -> list[Notification]:
    """Tell both people about a change and re-plan reminders; call inside the write."""
    pairing = meeting.pairing
    # A guest without an email address sees their meetings on their pages only.
    people = [p for p in (pairing.participant, pairing.supporter) if p.email]
    # Reminders planned for an earlier version of the meeting are void now.
    Notification.objects.filter(
        meeting=meeting, kind=N.REMINDER, sent_at__isnull=True
    ).delete()
    now = timezone.now()
    rows = [
        Notification(
            recipient=person,
            meeting=meeting,
            kind=kind,
            sequence=meeting.sequence,
            send_after=now,
        )
        for person in people
    ]
    if meeting.is_scheduled:
        for hours in settings.REMINDER_HOURS:
            send_after = meeting.starts_at - timedelta(hours=hours)
            if send_after > now:
                rows += [
                    Notification(
                        recipient=person,
                        meeting=meeting,
                        kind=N.REMINDER,
                        sequence=meeting.sequence,
                        hours_before=hours,
                        send_after=send_after,
                    )
                    for person in people
                ]
    created = Notification.objects.bulk_create(rows)
    ids = [(n.pk, n.send_after) for n in created]
    transaction.on_commit(lambda: _enqueue(ids))
    return created


def _enqueue(ids: list[tuple[int, datetime]]) -> None:
    from ..tasks import notification_send

    now = timezone.now()
    for pk, send_after in ids:
        task = notification_send
        if send_after > now:
            task = task.using(run_after=send_after)
        task.enqueue(pk)


def notification_send_now(*, notification_id: int) -> bool:
    """Send one notification if it is due and unsent. Returns True when it went out."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True)
            .select_related("meeting__pairing__program", "recipient")
            .filter(pk=notification_id, sent_at__isnull=True)
            .first()
        )
        if notification is None or notification.send_after > timezone.now():
            return False
        meeting = notification.meeting
        # A newer change supersedes this message: only the latest version is told.
        stale = notification.sequence != meeting.sequence or (
            notification.kind == N.REMINDER and not meeting.is_scheduled
        )
        if stale:
            notification.delete()
            return False
        try:
            _message(notification).send()
        except OSError:
            notification.attempts += 1
            notification.save(update_fields=["attempts"])
            logger.warning("notification %s not sent; will retry", notification.pk)
            retry_at = timezone.now() + timedelta(
                minutes=min(2**notification.attempts, 60)
            )
            transaction.on_commit(lambda: _enqueue([(notification.pk, retry_at)]))
            return False
        notification.sent_at = timezone.now()
        notification.attempts += 1
        notification.save(update_fields=["sent_at", "attempts"])
        return True


def notification_sweep() -> int:
    """Send everything due that is still unsent, e.g. after the mail server was down."""
    sent = 0
    due = Notification.objects.filter(
        sent_at__isnull=True, send_after__lte=timezone.now()
    )
    for pk in due.values_list("pk", flat=True):
        sent += notification_send_now(notification_id=pk)
    return sent


def _when(meeting: Meeting) -> str:
    local = meeting.starts_at.astimezone(ZoneInfo(meeting.pairing.program.time_zone))
    return formats.date_format(local, "l j F H:i")


def _message(notification: Notification) -> EmailMessage:
    from .calendar import meeting_calendar
    from .meetings import video_url

    meeting = notification.meeting
    recipient = notification.recipient
    language = recipient.preferred_language or meeting.pairing.program.default_language
    with translation.override(language):
        when = _when(meeting)
        subjects = {
            N.BOOKED: _("Kamrat: new meeting %(when)s"),
            N.MOVED: _("Kamrat: meeting moved to %(when)s"),
            N.CANCELLED: _("Kamrat: meeting %(when)s cancelled"),
            N.REMINDER: _("Kamrat: reminder, meeting %(when)s"),
        }
        context = {
            "notification": notification,
            "meeting": meeting,
            "recipient": recipient,
            "when": when,
            "video_url": video_url(meeting),
            "site_url": settings.SITE_URL,
        }
        body = render_to_string("support/email/meeting.txt", context)
        cancelled = notification.kind == N.CANCELLED
        ics = meeting_calendar(
            meeting,
            method="CANCEL" if cancelled else "REQUEST",
            attendee_email=recipient.email,
            now=timezone.now(),
        )
        message = EmailMessage(
            subject=subjects[notification.kind] % {"when": when},
            body=body,
            to=[recipient.email],
        )
        method = "CANCEL" if cancelled else "REQUEST"
        message.attach(
            "kamrat.ics", ics, f"text/calendar; charset=utf-8; method={method}"
        )
        return message
