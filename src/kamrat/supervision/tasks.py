"""Background jobs for supervision mail, run by `kamrat worker`."""

from django_tasks import task

from .notices import notice_send_now, notices_sweep


@task()
def supervision_notice_send(notice_id: int) -> bool:
    return notice_send_now(notice_id=notice_id)


@task()
def supervision_notices_resend() -> int:
    return notices_sweep()
