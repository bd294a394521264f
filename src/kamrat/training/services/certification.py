"""Completing the training, certificates, and continued education.

Completing the training certifies a peer supporter: a certificate with a code
anyone can check, and the peer supporter role in the programme.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kamrat.accounts.models import Role, User
from kamrat.programs.models import Program

from ..models import Attendance, Certificate, Cohort, ContinuedEducation, Enrolment
from ..selectors import held_sessions, meets_rule, peer_supporters
from .common import MAX_HOURS, ORGANISER_MAX, TITLE_MAX, check_day, clean_text


@dataclass
class Completion:
    completed: list[Enrolment] = field(default_factory=list)
    not_completed: list[Enrolment] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)
    already: bool = False


def cohort_complete_in_transaction(
    *, cohort: Cohort, now: datetime | None = None
) -> Completion:
    """The completion rule for everyone still enrolled; the caller holds the
    transaction. A cohort already completed is left as it is."""
    from kamrat.accounts.services import membership_grant

    now = now or timezone.now()
    cohort = (
        Cohort.objects.select_for_update().select_related("program").get(pk=cohort.pk)
    )
    if cohort.completed_at is not None:
        return Completion(already=True)
    if timezone.localdate(now) < cohort.ends_on:
        raise ValidationError(
            _("The training can be completed from its last day, %(day)s.")
            % {"day": date_format(cohort.ends_on, "j F Y")}
        )
    held = list(held_sessions(cohort=cohort, now=now).values_list("pk", flat=True))
    if not held:
        raise ValidationError(
            _("No sessions have been held, so nobody can complete the training yet.")
        )
    enrolments = list(
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(cohort=cohort, status=Enrolment.Status.ENROLLED)
    )
    attended = {
        e.pk: Attendance.objects.filter(
            enrolment=e, session_id__in=held, attended=True
        ).count()
        for e in enrolments
    }
    result = Completion()
    for enrolment in enrolments:
        if meets_rule(
            attended=attended[enrolment.pk],
            held=len(held),
            percent=cohort.completion_percent,
        ):
            enrolment.status = Enrolment.Status.COMPLETED
            certificate, _created = Certificate.objects.get_or_create(
                user=enrolment.user,
                cohort=cohort,
                defaults={
                    "program": cohort.program,
                    "holder_name": enrolment.user.name,
                    "training_started_on": cohort.starts_on,
                    "training_ended_on": cohort.ends_on,
                    "issued_on": timezone.localdate(now),
                },
            )
            membership_grant(
                user=enrolment.user, program=cohort.program, role=Role.PEER_SUPPORTER
            )
            result.completed.append(enrolment)
            result.certificates.append(certificate)
        else:
            enrolment.status = Enrolment.Status.NOT_COMPLETED
            result.not_completed.append(enrolment)
        enrolment.status_changed_at = now
        enrolment.save(update_fields=["status", "status_changed_at"])
    cohort.completed_at = now
    cohort.save(update_fields=["completed_at"])
    return result


@transaction.atomic(durable=True)
def cohort_complete(*, cohort: Cohort, by: User | None = None) -> Completion:
    """Certify everyone who met the attendance rule; the rest did not complete.

    Safe to run twice: the second run finds the cohort completed and issues
    nothing.
    """
    return cohort_complete_in_transaction(cohort=cohort)


@transaction.atomic(durable=True)
def certificate_revoke(*, certificate: Certificate) -> Certificate:
    """From now on the verification page says the certificate is revoked."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        raise ValidationError(_("This certificate is already revoked."))
    certificate.revoked_at = timezone.now()
    certificate.save(update_fields=["revoked_at"])
    return certificate


# Continued education ------------------------------------------------------


@transaction.atomic(durable=True)
def continued_education_record(
    *,
    program: Program,
    people: list[User],
    title: str,
    held_on: date,
    hours: Decimal,
    by: User,
    organiser: str = "",
) -> list[ContinuedEducation]:
    """One course, day or conference, on the record of each peer supporter who went."""
    title = clean_text(
        title, TITLE_MAX, required=_("Write what the course or day was.")
    )
    organiser = clean_text(organiser, ORGANISER_MAX)
    check_day(held_on)
    if held_on > timezone.localdate() + timedelta(days=365):
        raise ValidationError(_("Choose a day within the next year."))
    if not isinstance(hours, Decimal) or not hours.is_finite():
        raise ValidationError(_("Write the hours as a number, like 3 or 7.5."))
    if not Decimal("0") < hours <= MAX_HOURS or hours != hours.quantize(Decimal("0.1")):
        raise ValidationError(
            _("Write the hours as a number from 0.1 to 999, like 3 or 7.5.")
        )
    chosen = {p.pk: p for p in people}
    if not chosen:
        raise ValidationError(_("Choose at least one peer supporter."))
    allowed = set(peer_supporters(program=program).values_list("pk", flat=True))
    if not set(chosen) <= allowed:
        raise ValidationError(_("Choose only peer supporters of this programme."))
    return ContinuedEducation.objects.bulk_create(
        ContinuedEducation(
            program=program,
            user=person,
            title=title,
            organiser=organiser,
            held_on=held_on,
            hours=hours,
            recorded_by=by,
        )
        for person in chosen.values()
    )
