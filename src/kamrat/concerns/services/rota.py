"""Keeping the on-call rota and the escalation order."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kamrat.accounts.models import User
from kamrat.programs.models import Program

from ..models import EscalationStep, Shift
from ..selectors import on_call_staff

LONGEST_SHIFT_HOURS = 7 * 24


def _check_staff(program: Program, people: list[User]) -> None:
    staff = {person.pk for person in on_call_staff(program=program)}
    if any(person.pk not in staff for person in people):
        raise ValidationError(
            _("Only coordinators and admins of this programme can be on call.")
        )


@transaction.atomic
def shift_add(
    *, program: Program, person: User, starts_at: datetime, ends_at: datetime
) -> Shift:
    """Put someone on call; a shift must lie ahead and last at most a week."""
    _check_staff(program, [person])
    if ends_at <= starts_at:
        raise ValidationError(_("A shift must end after it starts."))
    if ends_at <= timezone.now():
        raise ValidationError(_("This shift is already over."))
    if (ends_at - starts_at).total_seconds() > LONGEST_SHIFT_HOURS * 3600:
        raise ValidationError(_("A shift can last at most a week."))
    shift = Shift(program=program, person=person, starts_at=starts_at, ends_at=ends_at)
    shift.full_clean()
    shift.save()
    return shift


@transaction.atomic
def shift_remove(*, shift: Shift) -> None:
    shift.delete()


@transaction.atomic
def escalation_order_set(*, program: Program, people: list[User]) -> None:
    """Replace the order with `people`, first asked first."""
    _check_staff(program, people)
    if len({person.pk for person in people}) != len(people):
        raise ValidationError(_("Each person can have only one place in the order."))
    EscalationStep.objects.filter(program=program).delete()
    EscalationStep.objects.bulk_create(
        EscalationStep(program=program, person=person, position=index)
        for index, person in enumerate(people, start=1)
    )
