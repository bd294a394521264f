"""The funder report: what is counted, and how, for a programme and a period.

Every count is one aggregate query over the programme's rows; nothing is
loaded row by row. Dates are days in the programme's own time zone, and both
the first and the last day belong to the period.

What each count means:

- Applications received: applications to the programme's calls received in the
  period.
- Completed the basic training: people whose enrolment is marked completed in a
  cohort whose last day is in the period, each person once.
- Certified: people given a certificate in the period that has not been
  revoked, each person once.
- Started a placement: peer supporters whose placement with a workplace starts
  in the period, each person once.
- Participants supported: participants with a contact (pairing) that had
  started and not yet ended at any time in the period, each person once. A
  contact whose participant has since been anonymised counts as one participant,
  since who it was can no longer be told.
- Peer supporters with participants: the peer supporters of those contacts.
- Meetings held, by way of meeting: meetings starting in the period and
  recorded as kept. Their sum is the "kept" row of the next section.
- What happened to the meetings: every meeting booked to start in the period,
  by its status now.
- Supervision held: sessions not cancelled that started in the period and
  before now, by kind.
- Attendance at supervision: each time a peer supporter was recorded as present
  at one of those sessions, by kind.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kamrat.placements.models import Placement
from kamrat.programs.models import Program
from kamrat.recruitment.models import Application
from kamrat.supervision.models import Invitation, Kind, SupervisionSession
from kamrat.support.choices import Mode
from kamrat.support.models import Meeting, Pairing
from kamrat.training.models import Certificate, Enrolment

from .suppress import FEWER_THAN, NOT_SHOWN, Sum, hidden_keys


@dataclass(frozen=True)
class Row:
    """One line of a section; `count` is None when it is hidden."""

    key: str
    label: str | Promise
    count: int | None
    small: bool = False  # hidden for being under 5, not to protect another

    @property
    def shown(self) -> int | str:
        """The number, or the words that stand in for a hidden one."""
        if self.count is not None:
            return self.count
        return str(FEWER_THAN if self.small else NOT_SHOWN)

    @property
    def is_hidden(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    description: str | Promise
    rows: tuple[Row, ...]
    total: Row | None = None
    chart: bool = False


@dataclass(frozen=True)
class Report:
    program_name: str
    program_slug: str
    start: date
    end: date
    sections: tuple[Section, ...]


def period_bounds(
    *, program: Program, start: date, end: date
) -> tuple[datetime, datetime]:
    """[first moment, moment after the last) of the days in the programme's zone."""
    zone = ZoneInfo(program.time_zone)
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def _count(queryset: QuerySet, **counts: Count) -> dict[str, int]:
    return {key: value or 0 for key, value in queryset.aggregate(**counts).items()}


def report_counts(*, program: Program, start: date, end: date) -> dict[str, int]:
    """Every raw count of the report, by key; nothing is suppressed here."""
    since, until = period_bounds(program=program, start=start, end=end)
    days = (start, end)
    counts: dict[str, int] = {}
    counts.update(
        _count(
            Application.objects.filter(
                call__program=program, received_at__gte=since, received_at__lt=until
            ),
            applicants=Count("pk"),
        )
    )
    counts.update(
        _count(
            Enrolment.objects.filter(
                cohort__program=program,
                status=Enrolment.Status.COMPLETED,
                cohort__ends_on__range=days,
            ),
            trained=Count("user", distinct=True),
        )
    )
    counts.update(
        _count(
            Certificate.objects.filter(
                program=program,
                issued_on__range=days,
                revoked_at__isnull=True,
            ),
            certified=Count("user", distinct=True),
        )
    )
    counts.update(
        _count(
            Placement.objects.filter(program=program, starts_on__range=days),
            placed=Count("supporter", distinct=True),
        )
    )
    contacts = _count(
        Pairing.objects.filter(
            program=program, started_at__isnull=False, started_at__lt=until
        ).filter(Q(ended_at__isnull=True) | Q(ended_at__gte=since)),
        known=Count("participant", distinct=True),
        anonymised=Count("pk", filter=Q(participant__isnull=True)),
        supporters=Count("supporter", distinct=True),
    )
    counts["participants"] = contacts["known"] + contacts["anonymised"]
    counts["supporters"] = contacts["supporters"]
    status = Meeting.Status
    counts.update(
        _count(
            Meeting.objects.filter(
                pairing__program=program, starts_at__gte=since, starts_at__lt=until
            ),
            **{
                f"mode.{mode}": Count("pk", filter=Q(status=status.KEPT, mode=mode))
                for mode in Mode.values
            },
            **{
                "meetings.kept": Count("pk", filter=Q(status=status.KEPT)),
                "meetings.cancelled": Count("pk", filter=Q(status=status.CANCELLED)),
                "meetings.no_show": Count("pk", filter=Q(status=status.NO_SHOW)),
                "meetings.scheduled": Count("pk", filter=Q(status=status.SCHEDULED)),
                "meetings.all": Count("pk"),
            },
        )
    )
    held_until = min(until, timezone.now())
    held = {
        "status": SupervisionSession.Status.SCHEDULED,
        "starts_at__gte": since,
        "starts_at__lt": held_until,
    }
    counts.update(
        _count(
            SupervisionSession.objects.filter(program=program, **held),
            **{
                f"supervision.{kind}": Count("pk", filter=Q(kind=kind))
                for kind in Kind.values
            },
            **{"supervision.all": Count("pk")},
        )
    )
    counts.update(
        _count(
            Invitation.objects.filter(
                session__program=program,
                attendance=Invitation.Attendance.ATTENDED,
                **{f"session__{field}": value for field, value in held.items()},
            ),
            **{
                f"attended.{kind}": Count("pk", filter=Q(session__kind=kind))
                for kind in Kind.values
            },
            **{"attended.all": Count("pk")},
        )
    )
    return counts


def _layout() -> tuple[tuple[str, Promise, Promise, tuple, str | None, bool], ...]:
    """(key, title, description, ((count key, label), ...), total key, chart)."""
    return (
        (
            "pipeline",
            _("From applicant to placed peer supporter"),
            _(
                "Applications received in the period; people who completed the "
                "basic training in a cohort that ended in the period; people "
                "certified in the period (revoked certificates not counted); peer "
                "supporters whose placement at a workplace started in the period."
            ),
            (
                ("applicants", _("Applications received")),
                ("trained", _("Completed the basic training")),
                ("certified", _("Certified")),
                ("placed", _("Started a placement")),
            ),
            None,
            True,
        ),
        (
            "participants",
            _("Participants supported"),
            _(
                "Everyone who had a peer supporter at some time in the period, "
                "counted once. Contacts of people whose data has since been "
                "anonymised are counted too, one person each."
            ),
            (
                ("participants", _("Participants supported")),
                ("supporters", _("Peer supporters with participants")),
            ),
            None,
            False,
        ),
        (
            "modes",
            _("Meetings held, by way of meeting"),
            _("Meetings in the period that were recorded as kept."),
            tuple((f"mode.{mode}", label) for mode, label in Mode.choices),
            "meetings.kept",
            True,
        ),
        (
            "outcomes",
            _("What happened to the meetings"),
            _(
                "Every meeting booked in the period: kept, cancelled, did not "
                "happen, or still planned or not yet recorded."
            ),
            (
                ("meetings.kept", _("Kept")),
                ("meetings.cancelled", _("Cancelled")),
                ("meetings.no_show", _("Did not happen")),
                ("meetings.scheduled", _("Planned or not yet recorded")),
            ),
            "meetings.all",
            True,
        ),
        (
            "supervision",
            _("Supervision held"),
            _("Supervision sessions in the period, up to today, not cancelled."),
            tuple((f"supervision.{kind}", label) for kind, label in Kind.choices),
            "supervision.all",
            False,
        ),
        (
            "attendance",
            _("Attendance at supervision"),
            _(
                "Each time a peer supporter was recorded as present at one of "
                "those sessions."
            ),
            tuple((f"attended.{kind}", label) for kind, label in Kind.choices),
            "attended.all",
            False,
        ),
    )


TOTAL_LABELS = {
    "meetings.kept": _("All meetings held"),
    "meetings.all": _("All meetings booked in the period"),
    "supervision.all": _("All supervision sessions"),
    "attended.all": _("All attendances"),
}


def report_sums() -> list[Sum]:
    """Which counts the report shows as the sum of others."""
    return [
        Sum(total=total, parts=tuple(key for key, _label in rows))
        for _key, _title, _text, rows, total, _chart in _layout()
        if total is not None
    ]


def report_build(*, program: Program, start: date, end: date) -> Report:
    """The report as funders see it: small counts are already hidden here."""
    counts = report_counts(program=program, start=start, end=end)
    hidden = hidden_keys(counts, report_sums())

    def row(key: str, label) -> Row:
        return Row(
            key=key,
            label=label,
            count=None if key in hidden else counts[key],
            small=key in hidden.small,
        )

    sections = tuple(
        Section(
            key=key,
            title=title,
            description=text,
            rows=tuple(row(count_key, label) for count_key, label in rows),
            total=row(total, TOTAL_LABELS[total]) if total else None,
            chart=chart,
        )
        for key, title, text, rows, total, chart in _layout()
    )
    return Report(
        program_name=program.name,
        program_slug=program.slug,
        start=start,
        end=end,
        sections=sections,
    )
