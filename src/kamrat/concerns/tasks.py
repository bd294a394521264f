"""Background jobs for urgent concerns, run by `kamrat worker`."""

from django_tasks import task

from .services.alerts import concern_alert_send_now, concern_alerts_sweep
from .services.concerns import concern_escalate


@task()
def concern_alert_send(alert_id: int) -> bool:
    return concern_alert_send_now(alert_id=alert_id)


@task()
def concern_escalate_step(concern_id: int, step: int) -> bool:
    return concern_escalate(concern_id=concern_id, step=step)


@task()
def concern_alerts_resend() -> int:
    return concern_alerts_sweep()
