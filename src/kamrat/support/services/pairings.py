"""A pairing's life: proposed, active, paused, ended; declined by the supporter."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kamrat.accounts.models import User

from ..models import Meeting, Pairing, SupportRequest
from .notifications import meeting_notify

P = Pairing.Status


def _require(pairing: Pairing, *allowed: str) -> None:
    if pairing.status not in allowed:
        raise ValidationError(
            _("This contact has changed in the meantime. Nothing was changed.")
        )


@transaction.atomic
def pairing_accept(*, pairing: Pairing, by: User) -> Pairing:
    """The peer supporter says yes; the request is matched."""
    pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
    _require(pairing, P.PROPOSED)
    pairing.status = P.ACTIVE
    pairing.started_at = timezone.now()
    pairing.save(update_fields=["status", "started_at"])
    if pairing.request_id:
        SupportRequest.objects.filter(pk=pairing.request_id).update(
            status=SupportRequest.Status.MATCHED, closed_at=timezone.now(), message=""
        )
    return pairing


@transaction.atomic
def pairing_decline(*, pairing: Pairing, by: User) -> Pairing:
    """The peer supporter says no; the request goes back to the queue, without them."""
    pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
    _require(pairing, P.PROPOSED)
    pairing.status = P.DECLINED
    pairing.ended_at = timezone.now()
    pairing.save(update_fields=["status", "ended_at"])
    if pairing.request_id:
        request = pairing.request
        request.status = SupportRequest.Status.OPEN
        request.save(update_fields=["status"])
        request.excluded.add(pairing.supporter_id)
    return pairing


@transaction.atomic
def pairing_pause(*, pairing: Pairing, by: User) -> Pairing:
    """Either side may pause; no reason is asked for or stored."""
    pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
    _require(pairing, P.ACTIVE)
    pairing.status = P.PAUSED
    pairing.save(update_fields=["status"])
    _cancel_future_meetings(pairing=pairing, by=by)
    return pairing


@transaction.atomic
def pairing_resume(*, pairing: Pairing, by: User) -> Pairing:
    pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
    _require(pairing, P.PAUSED)
    pairing.status = P.ACTIVE
    pairing.save(update_fields=["status"])
    return pairing


@transaction.atomic
def pairing_end(*, pairing: Pairing, by: User, rematch: bool = False) -> Pairing:
    """End at any moment, without a reason. A rematch opens a new request (no fault)."""
    pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
    _require(pairing, P.PROPOSED, P.ACTIVE, P.PAUSED)
    pairing.status = P.ENDED
    pairing.ended_at = timezone.now()
    pairing.save(update_fields=["status", "ended_at"])
    _cancel_future_meetings(pairing=pairing, by=by)
    if rematch:
        _reopen_request(pairing=pairing)
    return pairing


def _reopen_request(*, pairing: Pairing) -> SupportRequest:
    old = pairing.request
    new = SupportRequest.objects.create(
        program=pairing.program,
        participant=pairing.participant,
        status=SupportRequest.Status.OPEN,
        topics=old.topics if old else [],
        modes=old.modes if old else [],
        languages=old.languages if old else [],
        area=old.area if old else None,
        times=old.times if old else [],
        preferred_gender=old.preferred_gender if old else "",
        preferred_age_group=old.preferred_age_group if old else "",
        chooser=old.chooser if old else SupportRequest.Chooser.PARTICIPANT,
    )
    # Only the fact that it is a new person is kept: never why.
    new.excluded.add(pairing.supporter_id)
    return new


def _cancel_future_meetings(*, pairing: Pairing, by: User) -> None:
    for meeting in pairing.meetings.filter(
        status=Meeting.Status.SCHEDULED, starts_at__gt=timezone.now()
    ):
        meeting.status = Meeting.Status.CANCELLED
        meeting.sequence += 1
        meeting.updated_at = timezone.now()
        meeting.save(update_fields=["status", "sequence", "updated_at"])
        meeting_notify(meeting=meeting, kind="cancelled")
