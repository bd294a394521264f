"""A person's rights over their training record: a copy of it, and erasure.

Erasing removes their enrolments, attendance, certificates and courses; a
certificate that is gone can no longer be checked by its code.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kamrat.accounts.models import User

from .models import Attendance, Certificate, ContinuedEducation, Enrolment

TITLE = _("Training and certification")
LABELS = {
    "enrolments": _("Your trainings"),
    "attendance": _("Your attendance"),
    "certificates": _("Your certificates"),
    "continued_education": _("Your continued education"),
    "programme": _("Programme"),
    "cohort": _("Cohort"),
    "starts_on": _("First day"),
    "ends_on": _("Last day"),
    "status": _("Status"),
    "enrolled_at": _("Enrolled"),
    "session": _("Session"),
    "starts_at": _("When"),
    "attended": _("Attended"),
    "holder_name": _("Name on the certificate"),
    "issued_on": _("Issued"),
    "code": _("Code"),
    "revoked_at": _("Revoked"),
    "title": _("What"),
    "organiser": _("Organised by"),
    "held_on": _("Date"),
    "hours": _("Hours"),
}
VALUES = {"status": dict(Enrolment.Status.choices)}


def export(user: User) -> dict:
    """Everything the training app holds about the person."""
    enrolments = Enrolment.objects.filter(user=user).select_related("cohort__program")
    attendance = Attendance.objects.filter(enrolment__user=user).select_related(
        "session__cohort"
    )
    certificates = Certificate.objects.filter(user=user).select_related("program")
    courses = ContinuedEducation.objects.filter(user=user).select_related("program")
    return {
        "enrolments": [
            {
                "programme": e.cohort.program.name,
                "cohort": e.cohort.name,
                "starts_on": e.cohort.starts_on.isoformat(),
                "ends_on": e.cohort.ends_on.isoformat(),
                "status": e.status,
                "enrolled_at": e.enrolled_at.isoformat(),
            }
            for e in enrolments.order_by("enrolled_at", "pk")
        ],
        "attendance": [
            {
                "cohort": a.session.cohort.name,
                "session": a.session.topic,
                "starts_at": a.session.starts_at.isoformat(),
                "attended": a.attended,
            }
            for a in attendance.order_by("session__starts_at", "pk")
        ],
        "certificates": [
            {
                "programme": c.program.name,
                "holder_name": c.holder_name,
                "starts_on": c.training_started_on.isoformat(),
                "ends_on": c.training_ended_on.isoformat(),
                "issued_on": c.issued_on.isoformat(),
                "code": c.code,
                "revoked_at": c.revoked_at.isoformat() if c.revoked_at else None,
            }
            for c in certificates.order_by("issued_on", "pk")
        ],
        "continued_education": [
            {
                "programme": c.program.name,
                "title": c.title,
                "organiser": c.organiser,
                "held_on": c.held_on.isoformat(),
                "hours": str(c.hours),
            }
            for c in courses.order_by("held_on", "pk")
        ],
    }


@transaction.atomic
def erase(user: User) -> None:
    """Delete the person's training record; attendance goes with the enrolments."""
    Enrolment.objects.filter(user=user).delete()
    Certificate.objects.filter(user=user).delete()
    ContinuedEducation.objects.filter(user=user).delete()
