"""A person's rights over their peer support data: export, erasure, retention.

See `kamrat.privacy.rights` for the contract every app's `rights.py` follows.
What stays after erasure or retention is a pairing and its meetings with
programme, dates, way of meeting and status, linked to nobody: the programme
still counts that the meetings happened.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kamrat.accounts.models import User

from .choices import AgeGroup, Gender, Mode, OverrideReason, Topic, slot_label
from .models import (
    OPEN_PAIRING_STATES,
    AccessCode,
    CalendarFeed,
    Meeting,
    Notification,
    Pairing,
    SupporterProfile,
    SupportRequest,
    TimeOff,
    WeeklyTime,
)

TITLE = _("Peer support")
LABELS = {
    "requests": _("Your requests for a peer supporter"),
    "pairings": _("Your contacts with peer supporters"),
    "meetings": _("Your meetings"),
    "calendar_feeds": _("Calendar addresses"),
    "notifications": _("Emails sent to you"),
    "access_codes_made": _("Paper codes you made"),
    "supporter_profiles": _("What you offer as a peer supporter"),
    "weekly_times": _("Your weekly times"),
    "time_off": _("Your days off"),
    "programme": _("Programme"),
    "status": _("Status"),
    "created_at": _("Created"),
    "closed_at": _("Closed"),
    "topics": _("Support with"),
    "modes": _("Ways to meet"),
    "languages": _("Languages"),
    "area": _("Area"),
    "times": _("Times that suit"),
    "preferred_gender": _("Preferred gender of the peer supporter"),
    "preferred_age_group": _("Age of the peer supporter"),
    "chooser": _("Who chooses"),
    "message": _("Your message"),
    "asked_by_a_workplace": _("Asked for by a workplace"),
    "contact": _("Contact"),
    "supporter": _("Peer supporter"),
    "chosen_by": _("Chosen by"),
    "override_reason": _("Why the coordinator chose"),
    "started_at": _("Started"),
    "ended_at": _("Ended"),
    "starts_at": _("Starts"),
    "ends_at": _("Ends"),
    "mode": _("Way to meet"),
    "place": _("Place"),
    "video_room": _("Video room"),
    "revoked_at": _("Turned off"),
    "kind": _("What the email was about"),
    "meeting_starts_at": _("Meeting"),
    "sent_at": _("Sent"),
    "expires_at": _("Valid until"),
    "used_at": _("Used"),
    "capacity": _("Caseload cap"),
    "accepting_new": _("Taking new participants"),
    "weekday": _("Weekday"),
    "starts": _("From"),
    "ends": _("Until"),
    "first_day": _("First day"),
    "last_day": _("Last day"),
}
VALUES = {
    "status": {
        **dict(SupportRequest.Status.choices),
        **dict(Pairing.Status.choices),
        **dict(Meeting.Status.choices),
    },
    "topics": dict(Topic.choices),
    "modes": dict(Mode.choices),
    "mode": dict(Mode.choices),
    "languages": {"sv": "Svenska", "da": "Dansk", "en": "English"},
    "preferred_gender": dict(Gender.choices),
    "preferred_age_group": dict(AgeGroup.choices),
    "chooser": dict(SupportRequest.Chooser.choices),
    "chosen_by": dict(SupportRequest.Chooser.choices),
    "override_reason": dict(OverrideReason.choices),
    "kind": dict(Notification.Kind.choices),
}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def export(user: User) -> dict:
    """The person's requests, contacts, meetings, calendar feeds and emails.

    Only their own side: a peer supporter is named by first name, and who
    referred or handled a request is left out.
    """
    requests = SupportRequest.objects.filter(participant=user).select_related(
        "program", "area"
    )
    pairings = list(
        Pairing.objects.filter(participant=user)
        .select_related("program", "supporter")
        .order_by("created_at", "id")
    )
    numbers = {p.pk: n for n, p in enumerate(pairings, start=1)}
    meetings = Meeting.objects.filter(pairing__participant=user).order_by(
        "starts_at", "id"
    )
    data: dict = {
        "requests": [
            {
                "programme": r.program.name,
                "status": r.status,
                "created_at": _iso(r.created_at),
                "closed_at": _iso(r.closed_at),
                "topics": r.topics,
                "modes": r.modes,
                "languages": r.languages,
                "area": r.area.name if r.area else None,
                "times": [str(slot_label(t)) for t in r.times],
                "preferred_gender": r.preferred_gender,
                "preferred_age_group": r.preferred_age_group,
                "chooser": r.chooser,
                "message": r.message,
                "asked_by_a_workplace": r.referred_by_id is not None,
            }
            for r in requests.order_by("created_at", "id")
        ],
        "pairings": [
            {
                "contact": numbers[p.pk],
                "programme": p.program.name,
                "supporter": p.supporter.get_short_name(),
                "status": p.status,
                "chosen_by": p.chosen_by,
                "override_reason": p.override_reason,
                "created_at": _iso(p.created_at),
                "started_at": _iso(p.started_at),
                "ended_at": _iso(p.ended_at),
            }
            for p in pairings
        ],
        "meetings": [
            {
                "contact": numbers[m.pairing_id],
                "starts_at": _iso(m.starts_at),
                "ends_at": _iso(m.ends_at),
                "mode": m.mode,
                "place": m.place,
                "video_room": m.video_room,
                "status": m.status,
            }
            for m in meetings
        ],
        # The secret address itself is left out: a copy of it would be a key.
        "calendar_feeds": [
            {"created_at": _iso(f.created_at), "revoked_at": _iso(f.revoked_at)}
            for f in CalendarFeed.objects.filter(user=user).order_by("created_at")
        ],
        "notifications": [
            {
                "kind": n.kind,
                "meeting_starts_at": _iso(n.meeting.starts_at),
                "sent_at": _iso(n.sent_at),
            }
            for n in Notification.objects.filter(recipient=user)
            .select_related("meeting")
            .order_by("send_after", "id")
        ],
    }
    codes = AccessCode.objects.filter(created_by=user).select_related("program")
    if codes.exists():
        # The codes are stored only as hashes; when they were made is what there is.
        data["access_codes_made"] = [
            {
                "programme": c.program.name,
                "created_at": _iso(c.created_at),
                "expires_at": _iso(c.expires_at),
                "used_at": _iso(c.used_at),
            }
            for c in codes.order_by("created_at", "id")
        ]
    profiles = SupporterProfile.objects.filter(supporter=user).select_related("program")
    if profiles.exists():
        data["supporter_profiles"] = [
            {
                "programme": p.program.name,
                "languages": p.languages,
                "modes": p.modes,
                "capacity": p.capacity,
                "accepting_new": p.accepting_new,
            }
            for p in profiles
        ]
        data["weekly_times"] = [
            {
                "weekday": str(w.get_weekday_display()),
                "starts": w.starts.isoformat("minutes"),
                "ends": w.ends.isoformat("minutes"),
            }
            for w in WeeklyTime.objects.filter(supporter=user)
        ]
        data["time_off"] = [
            {
                "first_day": t.first_day.isoformat(),
                "last_day": t.last_day.isoformat(),
                "kind": t.kind,
            }
            for t in TimeOff.objects.filter(supporter=user)
        ]
    return data


def _forget_contacts(pairings: QuerySet[Pairing]) -> int:
    """Keep the pairings and meetings as counts; drop what points at a person."""
    meetings = Meeting.objects.filter(pairing__in=pairings)
    touched = meetings.update(place="", video_room="", booked_by=None)
    return touched + pairings.update(participant=None)


def erase(user: User) -> None:
    """End the person's contacts, keep them as counts, delete everything else.

    Coming meetings are cancelled first so the peer supporter is told by email.
    """
    from .services.notifications import meeting_notify

    now = timezone.now()
    open_pairings = Pairing.objects.filter(
        participant=user, status__in=OPEN_PAIRING_STATES
    )
    for meeting in Meeting.objects.filter(
        pairing__in=open_pairings,
        status=Meeting.Status.SCHEDULED,
        starts_at__gt=now,
    ).select_related("pairing__participant", "pairing__supporter"):
        meeting.status = Meeting.Status.CANCELLED
        meeting.sequence += 1
        meeting.updated_at = now
        meeting.save(update_fields=["status", "sequence", "updated_at"])
        meeting_notify(meeting=meeting, kind=Notification.Kind.CANCELLED)
    open_pairings.update(status=Pairing.Status.ENDED, ended_at=now)
    Notification.objects.filter(recipient=user).delete()
    CalendarFeed.objects.filter(user=user).delete()
    SupportRequest.objects.filter(participant=user).delete()
    Meeting.objects.filter(booked_by=user).update(booked_by=None)
    _forget_contacts(Pairing.objects.filter(participant=user))
    SupporterProfile.objects.filter(supporter=user).delete()
    WeeklyTime.objects.filter(supporter=user).delete()
    TimeOff.objects.filter(supporter=user).delete()


def retain(*, now: datetime) -> int:
    """Remove the personal data of contacts that ended before the retention period.

    Past the cut-off: an ended or declined pairing loses its participant and its
    meetings their place, video room and booker; closed, withdrawn and
    never-confirmed requests are deleted, and so are matched ones whose contacts
    are all past it; emails sent (or never sendable) before it are deleted, and
    calendar addresses turned off before it.
    """
    cutoff = now - timedelta(days=settings.RETENTION_DAYS)
    S = SupportRequest.Status
    touched = _forget_contacts(
        Pairing.objects.filter(
            status__in=[Pairing.Status.ENDED, Pairing.Status.DECLINED],
            ended_at__lt=cutoff,
            participant__isnull=False,
        )
    )
    closed_before = Q(closed_at__lt=cutoff) | Q(
        closed_at__isnull=True, created_at__lt=cutoff
    )
    deleted, _rows = SupportRequest.objects.filter(
        Q(status__in=[S.WITHDRAWN, S.CLOSED]) & closed_before
        | Q(status=S.AWAITING_CONFIRMATION, created_at__lt=cutoff)
        | Q(status=S.MATCHED) & closed_before & ~Q(pairings__participant__isnull=False)
    ).delete()
    touched += deleted
    deleted, _rows = Notification.objects.filter(
        Q(sent_at__lt=cutoff) | Q(sent_at__isnull=True, send_after__lt=cutoff)
    ).delete()
    touched += deleted
    deleted, _rows = CalendarFeed.objects.filter(revoked_at__lt=cutoff).delete()
    return touched + deleted
