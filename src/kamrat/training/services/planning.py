"""Cohorts, their weeks, and the sessions in them."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kamrat.accounts.models import User
from kamrat.programs.models import Program
from kamrat.recruitment.models import Call

from ..models import DEFAULT_COMPLETION_PERCENT, Cohort, Session, Week
from ..selectors import peer_supporters, possible_leaders
from .common import (
    DEFAULT_WEEKS,
    MAX_SESSION_HOURS,
    MAX_WEEKS,
    NAME_MAX,
    PLACE_MAX,
    THEME_MAX,
    TOPIC_MAX,
    check_day,
    check_open,
    clean_text,
)


def ends_on_for(*, starts_on: date, weeks: int) -> date:
    """The last day of the last week."""
    return starts_on + timedelta(days=7 * weeks - 1)


def _weeks_create(cohort: Cohort, weeks: int) -> list[Week]:
    # On site first, then every other week at home.
    return Week.objects.bulk_create(
        Week(
            cohort=cohort,
            number=n,
            kind=Week.Kind.ON_SITE if n % 2 else Week.Kind.HOME_STUDY,
        )
        for n in range(1, weeks + 1)
    )


@transaction.atomic(durable=True)
def cohort_create(
    *,
    program: Program,
    name: str,
    starts_on: date,
    place: str,
    by: User | None,
    weeks: int = DEFAULT_WEEKS,
    completion_percent: int = DEFAULT_COMPLETION_PERCENT,
    call: Call | None = None,
) -> Cohort:
    """A cohort and its weeks, alternating on site and home study from week 1.

    Raises ValidationError, saving nothing, on any rule broken.
    """
    name = clean_text(name, NAME_MAX, required=_("Give the cohort a name."))
    place = clean_text(
        place, PLACE_MAX, required=_("Write where the on-site weeks are.")
    )
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValidationError(_("Choose between 1 and 20 weeks."))
    if not 1 <= completion_percent <= 100:
        raise ValidationError(_("Choose a share between 1 and 100 percent."))
    check_day(starts_on)
    if call is not None and call.program_id != program.pk:
        raise ValidationError(_("Choose a call of this programme."))
    cohort = Cohort.objects.create(
        program=program,
        name=name,
        call=call,
        starts_on=starts_on,
        ends_on=ends_on_for(starts_on=starts_on, weeks=weeks),
        place=place,
        completion_percent=completion_percent,
        created_by=by,
    )
    _weeks_create(cohort, weeks)
    return cohort


@transaction.atomic(durable=True)
def week_update(
    *,
    week: Week,
    kind: str,
    theme: str,
    material_sv: str = "",
    material_da: str = "",
    material_en: str = "",
) -> Week:
    """The week's theme and what to read, watch or try at home, per language."""
    if kind not in Week.Kind.values:
        raise ValidationError(_("Choose on site or home study."))
    week.kind = kind
    week.theme = clean_text(theme, THEME_MAX)
    week.material_sv = (material_sv or "").strip()
    week.material_da = (material_da or "").strip()
    week.material_en = (material_en or "").strip()
    week.save(
        update_fields=["kind", "theme", "material_sv", "material_da", "material_en"]
    )
    return week


# Sessions ------------------------------------------------------------------


@dataclass(frozen=True)
class SessionFields:
    starts_at: datetime
    ends_at: datetime
    topic: str
    place: str = ""
    leader: User | None = None
    leader_name: str = ""
    led_by_peer_supporter: bool = False


def _session_checked(cohort: Cohort, fields: SessionFields) -> dict:
    """The session's values after every rule, with its week found from the day."""
    check_open(cohort)
    if fields.ends_at <= fields.starts_at:
        raise ValidationError(_("The session must end after it starts."))
    if fields.ends_at - fields.starts_at > timedelta(hours=MAX_SESSION_HOURS):
        raise ValidationError(_("A session lasts at most 10 hours."))
    day = fields.starts_at.astimezone(ZoneInfo(cohort.program.time_zone)).date()
    if not cohort.starts_on <= day <= cohort.ends_on:
        raise ValidationError(_("Choose a day within the weeks of this training."))
    number = (day - cohort.starts_on).days // 7 + 1
    week = cohort.weeks.filter(number=number).first()
    if week is None:
        raise ValidationError(_("Choose a day within the weeks of this training."))
    topic = clean_text(
        fields.topic, TOPIC_MAX, required=_("Write what the session is about.")
    )
    place = clean_text(fields.place, PLACE_MAX) or cohort.place
    leader_name = clean_text(fields.leader_name, NAME_MAX)
    leader = fields.leader
    if (leader is None) == (not leader_name):
        raise ValidationError(
            _(
                "Choose who leads the session, or write the name of someone "
                "from outside."
            )
        )
    led_by_peer_supporter = fields.led_by_peer_supporter
    if leader is not None:
        if not possible_leaders(program=cohort.program).filter(pk=leader.pk).exists():
            raise ValidationError(_("The leader must work in this programme."))
        if peer_supporters(program=cohort.program).filter(pk=leader.pk).exists():
            led_by_peer_supporter = True
    return {
        "week": week,
        "starts_at": fields.starts_at,
        "ends_at": fields.ends_at,
        "topic": topic,
        "place": place,
        "leader": leader,
        "leader_name": "" if leader else leader_name,
        "led_by_peer_supporter": led_by_peer_supporter,
    }


@transaction.atomic(durable=True)
def session_add(*, cohort: Cohort, fields: SessionFields) -> Session:
    """A session in the week its day falls in; ValidationError on a rule broken."""
    values = _session_checked(cohort, fields)
    return Session.objects.create(cohort=cohort, **values)


@transaction.atomic(durable=True)
def session_update(*, session: Session, fields: SessionFields) -> Session:
    """A changed session keeps its calendar identity with a higher SEQUENCE."""
    if session.is_cancelled:
        raise ValidationError(_("This session is cancelled."))
    values = _session_checked(session.cohort, fields)
    changed = [
        name for name, value in values.items() if getattr(session, name) != value
    ]
    if not changed:
        return session
    for name in changed:
        setattr(session, name, values[name])
    session.sequence += 1
    session.save(update_fields=[*changed, "sequence"])
    return session


@transaction.atomic(durable=True)
def session_cancel(*, session: Session) -> Session:
    check_open(session.cohort)
    if session.is_cancelled:
        raise ValidationError(_("This session is already cancelled."))
    session.is_cancelled = True
    session.sequence += 1
    session.save(update_fields=["is_cancelled", "sequence"])
    return session
