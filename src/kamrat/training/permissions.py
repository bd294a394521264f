"""One predicate per question about training, certificates and courses."""

from django.http import Http404

from kamrat.accounts.models import Role, User
from kamrat.accounts.permissions import roles_in
from kamrat.programs.models import Program

from .models import Certificate, Cohort, Enrolment, Session

RUNS_PROGRAM = {Role.COORDINATOR, Role.PROGRAM_ADMIN}


def can_manage_training(user: User, program: Program) -> bool:
    """Coordinators and admins plan cohorts, record attendance and certify."""
    if roles_in(user, program.pk) & RUNS_PROGRAM:  # they run the programme
        return True
    return False


def can_view_cohort(user: User, cohort: Cohort) -> bool:
    """A cohort's page, with everyone's attendance, is for who runs the programme."""
    if roles_in(user, cohort.program_id) & RUNS_PROGRAM:
        return True
    return False


def can_manage_session(user: User, session: Session) -> bool:
    if roles_in(user, session.cohort.program_id) & RUNS_PROGRAM:
        return True
    return False


def can_view_enrolment(user: User, enrolment: Enrolment) -> bool:
    """Who runs the programme, and the person themself."""
    if enrolment.user_id == user.pk:  # their own place in the training
        return True
    if roles_in(user, enrolment.cohort.program_id) & RUNS_PROGRAM:
        return True
    return False


def can_manage_enrolment(user: User, enrolment: Enrolment) -> bool:
    if roles_in(user, enrolment.cohort.program_id) & RUNS_PROGRAM:
        return True
    return False


def can_view_schedule(user: User, enrolment: Enrolment) -> bool:
    """A trainee sees their cohort's schedule and material, never others' attendance."""
    if enrolment.user_id != user.pk:  # only one's own enrolment
        return False
    if enrolment.status == Enrolment.Status.WITHDRAWN:  # they left the training
        return False
    return True


def can_view_certificate(user: User, certificate: Certificate) -> bool:
    """The holder, and who runs the programme that issued it."""
    if certificate.user_id == user.pk:  # their own certificate
        return True
    if roles_in(user, certificate.program_id) & RUNS_PROGRAM:
        return True
    return False


def can_revoke_certificate(user: User, certificate: Certificate) -> bool:
    if roles_in(user, certificate.program_id) & RUNS_PROGRAM:
        return True
    return False


def get_program_for_manager(user: User, slug: str) -> Program:
    """404 both when missing and when not theirs, so slugs reveal nothing."""
    program = Program.objects.filter(slug=slug).first()
    if program is None or not can_manage_training(user, program):
        raise Http404
    return program


def get_cohort_for_manager(user: User, cohort_id: int) -> Cohort:
    cohort = Cohort.objects.select_related("program").filter(pk=cohort_id).first()
    if cohort is None or not can_view_cohort(user, cohort):
        raise Http404
    return cohort


def get_session_for_manager(user: User, session_id: int) -> Session:
    session = (
        Session.objects.select_related("cohort__program", "leader", "week")
        .filter(pk=session_id)
        .first()
    )
    if session is None or not can_manage_session(user, session):
        raise Http404
    return session


def get_enrolment_for_manager(user: User, enrolment_id: int) -> Enrolment:
    enrolment = (
        Enrolment.objects.select_related("cohort__program", "user")
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None or not can_manage_enrolment(user, enrolment):
        raise Http404
    return enrolment


def get_enrolment_for_trainee(user: User, enrolment_id: int) -> Enrolment:
    enrolment = (
        Enrolment.objects.select_related("cohort__program")
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None or not can_view_schedule(user, enrolment):
        raise Http404
    return enrolment


def get_certificate_for_user(user: User, certificate_id: int) -> Certificate:
    certificate = (
        Certificate.objects.select_related("program", "cohort")
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is None or not can_view_certificate(user, certificate):
        raise Http404
    return certificate


def get_certificate_for_manager(user: User, certificate_id: int) -> Certificate:
    certificate = (
        Certificate.objects.select_related("program").filter(pk=certificate_id).first()
    )
    if certificate is None or not can_revoke_certificate(user, certificate):
        raise Http404
    return certificate
