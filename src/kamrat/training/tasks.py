"""Background jobs for training mail, run by `kamrat worker`."""

from django_tasks import task

from .invitations import invitation_send_now


@task()
def training_invitation_send(enrolment_id: int, attempt: int = 0) -> bool:
    return invitation_send_now(enrolment_id=enrolment_id, attempt=attempt)
