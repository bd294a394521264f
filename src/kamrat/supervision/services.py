"""Planning supervision and recording who came. Nothing said there is kept."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kamrat.accounts.models import User
from kamrat.programs.models import Program

from . import notices
from .models import (
    MAX_WEEKS,
    Invitation,
    Kind,
    Notice,
    SupervisionSession,
    Targets,
    room_name,
)
from .selectors import peer_supporters, possible_supervisors

MAX_HOURS = 8
# Sessions can be entered afterwards (to record attendance) and planned ahead.
PAST_LIMIT = timedelta(days=365)
FUTURE_LIMIT = timedelta(days=2 * 365)
PLACE_MAX = 200
NAME_MAX = 120


def video_url(session: SupervisionSession) -> str:
    if not session.video_room:
        return ""
    base = session.program.video_base_url or settings.VIDEO_BASE_URL
    return f"{base.rstrip('/')}/{session.video_room}"


@transaction.atomic(durable=True)
def targets_set(
    *, program: Program, group_weeks: int, individual_weeks: int
) -> Targets:
    for weeks in (group_weeks, individual_weeks):
        if not 1 <= weeks <= MAX_WEEKS:
            raise ValidationError(_("Choose between 1 and 52 weeks."))
    targets, _created = Targets.objects.update_or_create(
        program=program,
        defaults={"group_weeks": group_weeks, "individual_weeks": individual_weeks},
    )
    return targets


def _check_time(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError(_("The session must end after it starts."))
    if ends_at - starts_at > timedelta(hours=MAX_HOURS):
        raise ValidationError(_("A session lasts at most 8 hours."))
    now = timezone.now()
    if not now - PAST_LIMIT <= starts_at <= now + FUTURE_LIMIT:
        raise ValidationError(
            _("Choose a day within the last year or the next two years.")
        )


def _check_place(place: str, video: bool) -> str:
    place = place.strip()
    if not video and not place:
        raise ValidationError(_("Write where you will meet, or choose video."))
    if len(place) > PLACE_MAX:
        raise ValidationError(_("The place is too long. Please shorten it."))
    return "" if video else place


@transaction.atomic(durable=True)
def session_create(
    *,
    program: Program,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    supporters: list[User],
    by: User,
    supervisor: User | None = None,
    supervisor_name: str = "",
    place: str = "",
    video: bool = False,
) -> SupervisionSession:
    """Plan a session and invite peer supporters; each gets an email after commit.

    Raises ValidationError, saving nothing, on any rule broken.
    """
    if kind not in Kind.values:
        raise ValidationError(_("Choose group or individual supervision."))
    _check_time(starts_at, ends_at)
    place = _check_place(place, video)
    supervisor_name = supervisor_name.strip()
    if (supervisor is None) == (not supervisor_name):
        raise ValidationError(
            _("Choose a supervisor from the programme or write the name of one.")
        )
    if len(supervisor_name) > NAME_MAX:
        raise ValidationError(_("The name is too long. Please shorten it."))
    if supervisor is not None and not (
        possible_supervisors(program=program).filter(pk=supervisor.pk).exists()
    ):
        raise ValidationError(_("The supervisor must work in this programme."))
    invited = {s.pk: s for s in supporters}
    if not invited:
        raise ValidationError(_("Invite at least one peer supporter."))
    if kind == Kind.INDIVIDUAL and len(invited) != 1:
        raise ValidationError(_("Individual supervision is for one peer supporter."))
    allowed = set(peer_supporters(program=program).values_list("pk", flat=True))
    if not set(invited) <= allowed:
        raise ValidationError(_("Invite only peer supporters of this programme."))
    if supervisor is not None and supervisor.pk in invited:
        raise ValidationError(_("The supervisor cannot also be invited."))
    session = SupervisionSession.objects.create(
        program=program,
        kind=kind,
        supervisor=supervisor,
        supervisor_name="" if supervisor else supervisor_name,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        video_room=room_name() if video else "",
        created_by=by,
    )
    Invitation.objects.bulk_create(
        Invitation(session=session, supporter=s) for s in invited.values()
    )
    if session.ends_at > timezone.now():
        notices.notices_write(session=session, kind=Notice.Kind.INVITED)
    return session


@transaction.atomic(durable=True)
def session_move(
    *,
    session: SupervisionSession,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    video: bool = False,
) -> SupervisionSession:
    """A new time or place; everyone invited is told and gets an updated calendar."""
    if session.is_cancelled:
        raise ValidationError(_("This session is cancelled."))
    _check_time(starts_at, ends_at)
    place = _check_place(place, video)
    session.starts_at = starts_at
    session.ends_at = ends_at
    session.place = place
    if video and not session.video_room:
        session.video_room = room_name()
    elif not video:
        session.video_room = ""
    session.sequence += 1
    session.save(
        update_fields=["starts_at", "ends_at", "place", "video_room", "sequence"]
    )
    if session.ends_at > timezone.now():
        notices.notices_write(session=session, kind=Notice.Kind.MOVED)
    return session


@transaction.atomic(durable=True)
def session_cancel(*, session: SupervisionSession) -> SupervisionSession:
    if session.is_cancelled:
        raise ValidationError(_("This session is already cancelled."))
    session.status = SupervisionSession.Status.CANCELLED
    session.sequence += 1
    session.save(update_fields=["status", "sequence"])
    if session.ends_at > timezone.now():
        notices.notices_write(session=session, kind=Notice.Kind.CANCELLED)
    return session


@transaction.atomic(durable=True)
def attendance_record(
    *, session: SupervisionSession, attendance: dict[int, str]
) -> SupervisionSession:
    """Who came, per invited peer supporter id. Only once the session has started."""
    if session.is_cancelled:
        raise ValidationError(_("This session is cancelled."))
    if not session.has_started:
        raise ValidationError(_("Attendance can be recorded once the session starts."))
    invitations = {i.supporter_id: i for i in session.invitations.all()}
    if not set(attendance) <= set(invitations):
        raise ValidationError(_("Record attendance only for those invited."))
    for supporter_id, value in attendance.items():
        if value not in Invitation.Attendance.values:
            raise ValidationError(_("For each person, choose whether they came."))
        invitation = invitations[supporter_id]
        invitation.attendance = value
        invitation.save(update_fields=["attendance"])
    return session
