"""Who is in a training, and who came to each session."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kamrat.accounts.models import User
from kamrat.accounts.selectors import overview_forget
from kamrat.recruitment.models import Application

from .. import invitations
from ..models import Attendance, Cohort, Enrolment, Session
from ..selectors import accepted_waiting, enrollable_members
from .common import check_open


def _enrol(cohort: Cohort, user: User, application: Application | None) -> Enrolment:
    """Enrol, or bring back someone who had left; the invitation goes after commit."""
    enrolment = Enrolment.objects.filter(cohort=cohort, user=user).first()
    if enrolment is None:
        enrolment = Enrolment.objects.create(
            cohort=cohort, user=user, application=application
        )
    elif enrolment.status == Enrolment.Status.WITHDRAWN:
        enrolment.status = Enrolment.Status.ENROLLED
        enrolment.status_changed_at = timezone.now()
        enrolment.save(update_fields=["status", "status_changed_at"])
    else:
        return enrolment
    transaction.on_commit(lambda: invitations.invitation_enqueue(enrolment.pk))
    transaction.on_commit(overview_forget)  # "My training" on their home page
    return enrolment


@transaction.atomic(durable=True)
def enrol_from_call(*, cohort: Cohort, by: User) -> list[Enrolment]:
    """Everyone accepted through the cohort's call, each with an account and an
    invitation to set a password in the language they applied in."""
    from kamrat.accounts.services import user_create

    check_open(cohort)
    if cohort.call_id is None:
        raise ValidationError(
            _("This training has no call linked, so there is nobody to enrol from it.")
        )
    waiting = accepted_waiting(cohort=cohort)
    if not waiting:
        raise ValidationError(
            _("Everyone accepted through the call is already in the training.")
        )
    enrolled = []
    for application in waiting:
        email = application.email.strip().lower()
        user = User.objects.filter(email__iexact=email).first() or user_create(
            email=email,
            name=application.name,
            preferred_language=application.language,
        )
        enrolled.append(_enrol(cohort, user, application))
    return enrolled


@transaction.atomic(durable=True)
def enrol_member(*, cohort: Cohort, user: User, by: User) -> Enrolment:
    """Someone already in the programme joins the cohort."""
    check_open(cohort)
    if not enrollable_members(cohort=cohort).filter(pk=user.pk).exists():
        raise ValidationError(
            _("Choose someone in this programme who is not in the training yet.")
        )
    return _enrol(cohort, user, None)


@transaction.atomic(durable=True)
def enrolment_withdraw(*, enrolment: Enrolment) -> Enrolment:
    """The person leaves the training; their calendar address stops working."""
    check_open(enrolment.cohort)
    if enrolment.status != Enrolment.Status.ENROLLED:
        raise ValidationError(_("This person is not in the training any more."))
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.status_changed_at = timezone.now()
    enrolment.save(update_fields=["status", "status_changed_at"])
    transaction.on_commit(overview_forget)
    return enrolment


@transaction.atomic(durable=True)
def feed_renew(*, enrolment: Enrolment) -> Enrolment:
    """A new calendar address; the old one stops working at once."""
    from ..models import feed_token

    enrolment.feed_token = feed_token()
    enrolment.save(update_fields=["feed_token"])
    return enrolment


@transaction.atomic(durable=True)
def attendance_record(
    *, session: Session, attendance: Mapping[Enrolment | int, bool]
) -> Session:
    """Who came, per enrolment (or its id). Only once the session has started."""
    check_open(session.cohort)
    if session.is_cancelled:
        raise ValidationError(_("This session is cancelled."))
    if session.starts_at > timezone.now():
        raise ValidationError(_("Attendance can be recorded once the session starts."))
    wanted = {
        (key.pk if isinstance(key, Enrolment) else key): bool(value)
        for key, value in attendance.items()
    }
    allowed = set(
        session.cohort.enrolments.exclude(
            status=Enrolment.Status.WITHDRAWN
        ).values_list("pk", flat=True)
    )
    if not set(wanted) <= allowed:
        raise ValidationError(_("Record attendance only for people in this training."))
    existing = {
        a.enrolment_id: a
        for a in Attendance.objects.filter(session=session, enrolment_id__in=wanted)
    }
    changed = []
    for enrolment_id, attended in wanted.items():
        row = existing.get(enrolment_id)
        if row is None:
            Attendance.objects.create(
                session=session, enrolment_id=enrolment_id, attended=attended
            )
        elif row.attended != attended:
            row.attended = attended
            changed.append(row)
    Attendance.objects.bulk_update(changed, ["attended"])
    return session
