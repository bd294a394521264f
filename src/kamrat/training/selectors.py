"""Reads for training pages: schedules, attendance shares, certificates."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet

from kamrat.accounts.models import Membership, Role, User
from kamrat.programs.models import Program
from kamrat.recruitment.models import Application

from .models import (
    Attendance,
    Certificate,
    Cohort,
    ContinuedEducation,
    Enrolment,
    Session,
    Week,
)

LEADER_ROLES = [Role.COORDINATOR, Role.PROGRAM_ADMIN, Role.PEER_SUPPORTER]


def meets_rule(*, attended: int, held: int, percent: int) -> bool:
    """Whole numbers only, so a share exactly at the threshold counts as met."""
    return held > 0 and attended * 100 >= percent * held


def week_dates(*, starts_on: date, number: int) -> tuple[date, date]:
    """First and last day of week `number`; week 1 starts on the cohort's first day."""
    first = starts_on + timedelta(days=7 * (number - 1))
    return first, first + timedelta(days=6)


def cohorts_for(*, program: Program) -> QuerySet[Cohort]:
    return Cohort.objects.filter(program=program).annotate(
        people=Count(
            "enrolments",
            filter=~Q(enrolments__status=Enrolment.Status.WITHDRAWN),
        )
    )


@dataclass
class WeekView:
    week: Week
    first: date
    last: date
    sessions: list[Session] = field(default_factory=list)

    @property
    def is_on_site(self) -> bool:
        return self.week.kind == Week.Kind.ON_SITE


def schedule(*, cohort: Cohort) -> list[WeekView]:
    """Every week with its dates and sessions (cancelled ones too), in order."""
    weeks = {
        w.pk: WeekView(w, *week_dates(starts_on=cohort.starts_on, number=w.number))
        for w in cohort.weeks.all()
    }
    for week in weeks.values():
        week.week.cohort = cohort  # material falls back to the programme's language
    for session in cohort.sessions.select_related("leader"):
        if session.week_id in weeks:
            weeks[session.week_id].sessions.append(session)
    return sorted(weeks.values(), key=lambda w: w.week.number)


def held_sessions(*, cohort: Cohort, now: datetime) -> QuerySet[Session]:
    """Sessions that count for completion: not cancelled and already started."""
    return cohort.sessions.filter(is_cancelled=False, starts_at__lte=now)


@dataclass(frozen=True)
class Standing:
    enrolment: Enrolment
    attended: int
    held: int
    meets: bool

    @property
    def percent(self) -> int | None:
        return round(100 * self.attended / self.held) if self.held else None


def standings(*, cohort: Cohort, now: datetime) -> list[Standing]:
    """Everyone in the cohort with their share of the sessions held so far."""
    held = held_sessions(cohort=cohort, now=now)
    count = held.count()
    attended = dict(
        Attendance.objects.filter(
            session__in=held, attended=True, enrolment__cohort=cohort
        )
        .values_list("enrolment")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        Standing(
            enrolment=e,
            attended=attended.get(e.pk, 0),
            held=count,
            meets=meets_rule(
                attended=attended.get(e.pk, 0),
                held=count,
                percent=cohort.completion_percent,
            ),
        )
        for e in cohort.enrolments.select_related("user")
    ]


def possible_leaders(*, program: Program) -> QuerySet[User]:
    """Staff of the programme who can lead a session."""
    ids = Membership.objects.active().filter(program=program, role__in=LEADER_ROLES)
    return User.objects.filter(pk__in=ids.values("user_id")).order_by("name")


def peer_supporters(*, program: Program) -> QuerySet[User]:
    ids = Membership.objects.active().filter(program=program, role=Role.PEER_SUPPORTER)
    return User.objects.filter(pk__in=ids.values("user_id")).order_by("name")


def enrollable_members(*, cohort: Cohort) -> QuerySet[User]:
    """Staff of the programme not in this cohort, and those who left it.

    Participants come through the call like anyone else, so their names are
    never listed here; someone who left can be brought back.
    """
    staff = Membership.objects.active().filter(
        program_id=cohort.program_id,
        role__in=[
            Role.PEER_SUPPORTER,
            Role.COORDINATOR,
            Role.PROGRAM_ADMIN,
            Role.WORKPLACE_CONTACT,
        ],
    )
    left = cohort.enrolments.filter(status=Enrolment.Status.WITHDRAWN)
    enrolled = cohort.enrolments.exclude(status=Enrolment.Status.WITHDRAWN)
    return (
        User.objects.filter(
            Q(pk__in=staff.values("user_id")) | Q(pk__in=left.values("user_id"))
        )
        .exclude(pk__in=enrolled.values("user_id"))
        .order_by("name")
    )


def accepted_waiting(*, cohort: Cohort) -> list[Application]:
    """Accepted applicants of the cohort's call who are not enrolled yet."""
    if cohort.call_id is None:
        return []
    enrolled = {
        email.lower()
        for email in cohort.enrolments.values_list("user__email", flat=True)
        if email
    }
    taken = set(
        cohort.enrolments.exclude(application=None).values_list(
            "application_id", flat=True
        )
    )
    return [
        a
        for a in Application.objects.filter(
            call_id=cohort.call_id, step=Application.Step.ACCEPTED
        ).order_by("name", "pk")
        if a.pk not in taken and a.email.lower() not in enrolled
    ]


def own_enrolments(*, user: User) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(user=user)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("cohort__program")
        .order_by("-cohort__starts_on", "pk")
    )


def own_attendance(*, enrolment: Enrolment) -> dict[int, bool]:
    """Session id → attended, for the trainee's own rows only."""
    return dict(enrolment.attendance.values_list("session_id", "attended"))


def enrolled_program_ids(*, user: User) -> set[int]:
    """Programmes where the person is in (or finished) a training; read once."""
    cached = getattr(user, "_kamrat_training_programs", None)
    if cached is None:
        cached = set(
            Enrolment.objects.filter(user=user)
            .exclude(status=Enrolment.Status.WITHDRAWN)
            .values_list("cohort__program_id", flat=True)
        )
        user._kamrat_training_programs = cached
    return cached


def own_certificates(*, user: User) -> QuerySet[Certificate]:
    return Certificate.objects.filter(user=user).select_related("program")


def own_education(*, user: User) -> QuerySet[ContinuedEducation]:
    return ContinuedEducation.objects.filter(user=user).select_related("program")


def education_for(*, program: Program) -> QuerySet[ContinuedEducation]:
    return ContinuedEducation.objects.filter(program=program).select_related("user")


def certificate_by_code(*, code: str) -> Certificate | None:
    return Certificate.objects.select_related("program").filter(code=code).first()
