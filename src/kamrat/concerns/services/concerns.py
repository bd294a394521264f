"""Raising, escalating, acknowledging and closing urgent concerns.

A concern goes first to the coordinator on call (or, with nobody on call, to
the first in the escalation order). Each unanswered step hands it on after
CONCERN_ESCALATE_MINUTES; after the last, everyone who runs the programme is
told. Each step is taken by a compare-and-set on `step` under a row lock, so a
worker that runs twice or late cannot ask anyone twice.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kamrat.accounts.models import User
from kamrat.programs.models import Program
from kamrat.support.models import Pairing

from ..models import Concern, ConcernAlert
from ..permissions import OPEN_FOR_CONCERNS, can_manage_concerns, can_raise_concern
from ..selectors import escalation_order, on_call_staff, shift_at
from .alerts import alerts_enqueue

CONTACT_DETAIL_MAX = 120
FIRST_NAME_MAX = 40
S = Concern.Status


def _ladder(*, program: Program, at: datetime, raiser: User) -> list[int]:
    """The one on call now, then the escalation order; each person once."""
    ladder: list[int] = []
    shift = shift_at(program=program, at=at)
    if shift is not None:
        ladder.append(shift.person_id)
    ladder += [step.person_id for step in escalation_order(program=program)]
    staff = {person.pk for person in on_call_staff(program=program)}
    seen: set[int] = set()
    result = []
    for person_id in ladder:
        if person_id in staff and person_id != raiser.pk and person_id not in seen:
            seen.add(person_id)
            result.append(person_id)
    return result


def _validate(
    *,
    program: Program,
    by: User,
    pairing: Pairing | None,
    first_name: str,
    reach: str,
    contact_detail: str,
    urgency: str,
) -> None:
    if not can_raise_concern(by, program):
        raise ValidationError(_("Only peer supporters of this programme can do this."))
    if pairing is not None and not (
        pairing.supporter_id == by.pk
        and pairing.program_id == program.pk
        and pairing.status in OPEN_FOR_CONCERNS
    ):
        raise ValidationError(_("Choose one of your own participants."))
    if pairing is None and not first_name:
        raise ValidationError(_("Write the person's first name."))
    if len(first_name) > FIRST_NAME_MAX:
        raise ValidationError(_("Write only the first name."))
    if reach not in Concern.Reach.values:
        raise ValidationError(_("Choose how to reach the person."))
    if urgency not in Concern.Urgency.values:
        raise ValidationError(_("Choose how urgent it is."))
    if reach != Concern.Reach.SUPPORTER and not contact_detail:
        raise ValidationError(_("Write a phone number or a place."))
    if len(contact_detail) > CONTACT_DETAIL_MAX:
        raise ValidationError(
            _("The phone number or place is too long. Please shorten it.")
        )


@transaction.atomic
def concern_raise(
    *,
    program: Program,
    by: User,
    pairing: Pairing | None,
    first_name: str = "",
    reach: str,
    contact_detail: str = "",
    urgency: str,
) -> Concern:
    """Record the concern and email the first person to ask, after the commit.

    Raises ValidationError, with nothing saved, on bad input or when nobody in
    the programme could be told.
    """
    first_name = first_name.strip()
    contact_detail = contact_detail.strip()
    _validate(
        program=program,
        by=by,
        pairing=pairing,
        first_name=first_name,
        reach=reach,
        contact_detail=contact_detail,
        urgency=urgency,
    )
    now = timezone.now()
    ladder = _ladder(program=program, at=now, raiser=by)
    if not ladder and not _everyone(program=program, raiser=by):
        raise ValidationError(
            _(
                "Nobody in this programme can be told through Kamrat right now. "
                "Call the programme, and if a life is in danger, call 112."
            )
        )
    concern = Concern.objects.create(
        program=program,
        raised_by=by,
        raised_at=now,
        pairing=pairing,
        participant=pairing.participant if pairing else None,
        first_name="" if pairing else first_name,
        reach=reach,
        contact_detail=contact_detail,
        urgency=urgency,
        ladder=ladder,
    )
    _ask_next(concern=concern, now=now)
    concern.refresh_from_db()
    return concern


def _everyone(*, program: Program, raiser: User) -> list[User]:
    return [
        person
        for person in on_call_staff(program=program)
        if person.pk != raiser.pk and person.email
    ]


def _ask_next(*, concern: Concern, now: datetime) -> bool:
    """Ask the next person on the ladder, or everyone after the last one.

    Returns False when another run has already taken this step.
    """
    staff = {person.pk: person for person in on_call_staff(program=concern.program)}
    step = concern.step
    recipients: list[User] = []
    # Someone who has left the programme since is passed over.
    while step < len(concern.ladder) and not recipients:
        person = staff.get(concern.ladder[step])
        step += 1
        if person is not None and person.email:
            recipients = [person]
    if not recipients:
        step = len(concern.ladder) + 1
        recipients = _everyone(program=concern.program, raiser=concern.raised_by)
    last = step > len(concern.ladder)
    escalate_at = (
        None if last else now + timedelta(minutes=settings.CONCERN_ESCALATE_MINUTES)
    )
    taken = Concern.objects.filter(
        pk=concern.pk, step=concern.step, status=S.OPEN
    ).update(step=step, escalate_at=escalate_at)
    if not taken:
        return False
    alerts = ConcernAlert.objects.bulk_create(
        ConcernAlert(concern=concern, recipient=person, step=step, created_at=now)
        for person in recipients
    )
    alert_ids = [alert.pk for alert in alerts]
    concern_id = concern.pk
    transaction.on_commit(
        lambda: alerts_enqueue(
            alert_ids=alert_ids,
            concern_id=concern_id,
            step=step,
            escalate_at=escalate_at,
        )
    )
    return True


def concern_escalate(*, concern_id: int, step: int) -> bool:
    """Hand an unanswered concern on. Safe to run twice, late or early."""
    with transaction.atomic():
        concern = (
            # Lock the concern alone: PostgreSQL refuses to lock the nullable
            # side of a join, and the joined rows need no lock.
            Concern.objects.select_for_update(of=("self",))
            .select_related("program", "raised_by")
            .filter(pk=concern_id)
            .first()
        )
        now = timezone.now()
        if (
            concern is None
            or concern.status != S.OPEN
            or concern.step != step
            or concern.escalate_at is None
            or concern.escalate_at > now
        ):
            return False
        return _ask_next(concern=concern, now=now)


@transaction.atomic
def concern_acknowledge(*, concern: Concern, by: User) -> Concern:
    """Say "I have it": stops escalation; mail not yet sent is dropped."""
    if not can_manage_concerns(by, concern.program):
        raise ValidationError(_("Only coordinators of this programme can do this."))
    locked = Concern.objects.select_for_update().get(pk=concern.pk)
    taken = Concern.objects.filter(pk=locked.pk, status=S.OPEN).update(
        status=S.ACKNOWLEDGED,
        acknowledged_by=by,
        acknowledged_at=timezone.now(),
        escalate_at=None,
    )
    if not taken:
        raise ValidationError(_("Someone has already answered this concern."))
    ConcernAlert.objects.filter(concern=locked, sent_at__isnull=True).delete()
    concern.refresh_from_db()
    return concern


@transaction.atomic
def concern_close(*, concern: Concern, by: User) -> Concern:
    """Done with it. Closing also stops any escalation still planned."""
    if not can_manage_concerns(by, concern.program):
        raise ValidationError(_("Only coordinators of this programme can do this."))
    Concern.objects.select_for_update().get(pk=concern.pk)
    taken = (
        Concern.objects.filter(pk=concern.pk)
        .exclude(status=S.CLOSED)
        .update(
            status=S.CLOSED,
            closed_by=by,
            closed_at=timezone.now(),
            escalate_at=None,
        )
    )
    if not taken:
        raise ValidationError(_("This concern is already closed."))
    ConcernAlert.objects.filter(concern=concern, sent_at__isnull=True).delete()
    concern.refresh_from_db()
    return concern
