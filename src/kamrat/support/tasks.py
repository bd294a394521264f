"""Background jobs, run by `kamrat worker`."""

from django_tasks import task

from .services.notifications import notification_send_now, notification_sweep
from .services.requests import referral_invitation_send_now


@task()
def notification_send(notification_id: int) -> bool:
    return notification_send_now(notification_id=notification_id)


@task()
def notifications_sweep() -> int:
    return notification_sweep()


@task()
def referral_invitation_send(request_id: int) -> None:
    referral_invitation_send_now(request_id=request_id)
