"""Background jobs, run by `kamrat worker`."""

from django_tasks import task

from .services.notifications import notification_send_now, notification_sweep


@task()
def notification_send(notification_id: int) -> bool:
    return notification_send_now(notification_id=notification_id)


@task()
def notifications_sweep() -> int:
    return notification_sweep()
