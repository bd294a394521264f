"""Writes for recruitment: open a call, apply, move an application along.

Applicants are told by email at each step. The mail row is written in the same
transaction as the change and the worker sends it after the commit, in the
applicant's language; SMTP trouble leaves the row for a later try.
"""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kamrat.accounts.models import User
from kamrat.programs.models import Program

from .models import ApplicantRead, Application, ApplicationMail, Call

logger = logging.getLogger(__name__)
Step = Application.Step


@transaction.atomic(durable=True)
def call_open(*, program: Program, by: User, **fields) -> Call:
    call = Call(program=program, created_by=by, **fields)
    call.full_clean()
    call.save()
    return call


@transaction.atomic(durable=True)
def application_submit(*, call: Call, today: date, **fields) -> Application:
    """Refuse closed calls and a second application from the same email."""
    if not call.is_open(today):
        raise ValidationError(_("This call is closed, so it takes no applications."))
    fields["email"] = fields["email"].strip().lower()
    if call.applications.filter(email=fields["email"]).exists():
        raise ValidationError(
            _(
                "We already have an application from this email address for this "
                "call. Thank you! We will be in touch."
            )
        )
    application = Application(call=call, **fields)
    application.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as error:  # two sends at once
        raise ValidationError(
            _("We already have an application from this email address.")
        ) from error
    _mail(application)
    return application


@transaction.atomic(durable=True)
def application_step_set(*, application: Application, step: str) -> Application:
    if step not in Step.values:
        raise ValidationError(_("Choose one of the steps."))
    if step == application.step:
        return application
    application.step = step
    application.step_changed_at = timezone.now()
    application.save(update_fields=["step", "step_changed_at"])
    _mail(application)
    return application


def applicant_reads_record(
    *, reader: User, call: Call, applications, what: str
) -> None:
    """Every coordinator read of applicants' data is kept, one row per application."""
    ApplicantRead.objects.bulk_create(
        ApplicantRead(
            reader=reader,
            call_id_read=call.pk,
            application_id_read=a.pk,
            what=what,
        )
        for a in applications
    )


def _mail(application: Application) -> None:
    mail = ApplicationMail.objects.create(
        application=application, step=application.step
    )
    transaction.on_commit(lambda: _enqueue(mail.pk))


def _enqueue(mail_id: int, run_after=None) -> None:
    from .tasks import application_mail_send

    task = application_mail_send
    if run_after is not None:
        task = task.using(run_after=run_after)
    task.enqueue(mail_id)


def application_mail_send_now(*, mail_id: int) -> bool:
    """Send one mail if unsent and still the latest news. True when it went out."""
    with transaction.atomic():
        mail = (
            ApplicationMail.objects.select_for_update(skip_locked=True)
            .select_related("application__call__program")
            .filter(pk=mail_id, sent_at__isnull=True)
            .first()
        )
        if mail is None:
            return False
        application = mail.application
        if mail.step != application.step:  # a newer step superseded it
            mail.delete()
            return False
        subject, body = _message(application)
        try:
            send_mail(subject, body, None, [application.email])
        except OSError:
            mail.attempts += 1
            mail.save(update_fields=["attempts"])
            logger.warning("application mail %s not sent; will retry", mail.pk)
            retry_at = timezone.now() + timedelta(minutes=min(2**mail.attempts, 60))
            transaction.on_commit(lambda: _enqueue(mail.pk, retry_at))
            return False
        mail.sent_at = timezone.now()
        mail.attempts += 1
        mail.save(update_fields=["sent_at", "attempts"])
        return True


def application_mails_sweep() -> int:
    """Send everything still unsent, e.g. after the worker or mail server was down."""
    waiting = ApplicationMail.objects.filter(sent_at__isnull=True)
    return sum(
        application_mail_send_now(mail_id=pk)
        for pk in waiting.values_list("pk", flat=True)
    )


def _message(application: Application) -> tuple[str, str]:
    call = application.call
    with translation.override(application.language):
        subject = _("%(programme)s: your application") % {
            "programme": call.program.name
        }
        body = render_to_string(
            "recruitment/email/step.txt",
            {
                "application": application,
                "call": call,
                "program": call.program,
                "site_url": settings.SITE_URL,
            },
        )
    return subject, body
