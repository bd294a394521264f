"""Background jobs, run by `kamrat worker`."""

from django_tasks import task

from .services import application_mail_send_now, application_mails_sweep


@task()
def application_mail_send(mail_id: int) -> bool:
    return application_mail_send_now(mail_id=mail_id)


@task()
def application_mails_resend() -> int:
    return application_mails_sweep()
