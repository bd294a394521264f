"""Reads for the rota and concerns; each takes the programme or the person asking."""

from datetime import datetime

from django.db.models import Case, IntegerField, QuerySet, Value, When

from kamrat.accounts.models import Membership, Role, User
from kamrat.programs.models import Program
from kamrat.support.models import Pairing

from .models import Concern, EscalationStep, Shift
from .permissions import OPEN_FOR_CONCERNS


def on_call_staff(*, program: Program) -> list[User]:
    """Coordinators and admins of the programme: the people who can be on call."""
    ids = (
        Membership.objects.active()
        .filter(program=program, role__in=[Role.COORDINATOR, Role.PROGRAM_ADMIN])
        .values_list("user_id", flat=True)
    )
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("name"))


def shift_at(*, program: Program, at: datetime) -> Shift | None:
    """The shift covering `at`; of overlapping ones, the one that began last."""
    return (
        Shift.objects.select_related("person")
        .filter(program=program, starts_at__lte=at, ends_at__gt=at)
        .order_by("-starts_at")
        .first()
    )


def shift_next(*, program: Program, at: datetime) -> Shift | None:
    return (
        Shift.objects.select_related("person")
        .filter(program=program, starts_at__gt=at)
        .order_by("starts_at")
        .first()
    )


def shifts_coming(*, program: Program, at: datetime) -> QuerySet[Shift]:
    return (
        Shift.objects.select_related("person")
        .filter(program=program, ends_at__gt=at)
        .order_by("starts_at")
    )


def escalation_order(*, program: Program) -> list[EscalationStep]:
    return list(
        EscalationStep.objects.select_related("person")
        .filter(program=program)
        .order_by("position")
    )


def pairings_for_concern(*, supporter: User, program: Program) -> list[Pairing]:
    """The supporter's own contacts a concern may be about."""
    return list(
        Pairing.objects.select_related("participant")
        .filter(program=program, supporter=supporter, status__in=OPEN_FOR_CONCERNS)
        .order_by("participant__name")
    )


_OPEN_FIRST = Case(
    When(status=Concern.Status.OPEN, then=Value(0)),
    When(status=Concern.Status.ACKNOWLEDGED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def concern_list(*, program: Program) -> list[Concern]:
    """Every concern in the programme: waiting ones first, newest first within."""
    return list(
        Concern.objects.filter(program=program)
        .select_related("raised_by", "participant", "acknowledged_by")
        .order_by(_OPEN_FIRST, "-raised_at")[:200]
    )


def concern_list_for_supporter(*, supporter: User, program: Program) -> list[Concern]:
    return list(
        Concern.objects.filter(program=program, raised_by=supporter)
        .select_related("participant", "acknowledged_by")
        .order_by(_OPEN_FIRST, "-raised_at")[:50]
    )
