"""Background jobs of the privacy app, run by `kamrat worker`."""

from datetime import datetime, timedelta

from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus

from .rights import retention_run


@task()
def retention_daily() -> dict[str, int]:
    """Remove personal data past its retention period, then plan tomorrow's run."""
    now = timezone.now()
    counts = retention_run(now=now)
    retention_schedule(run_after=now + timedelta(days=1))
    return counts


def retention_schedule(*, run_after: datetime | None = None) -> bool:
    """Enqueue the daily retention unless a run is already waiting.

    Called when a worker starts and by each run for the next day, so restarts
    never pile up duplicates. Returns True when a run was enqueued.
    """
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=retention_daily.module_path, status=TaskResultStatus.READY
    )
    if waiting.exists():
        return False
    job = retention_daily
    if run_after is not None:
        job = job.using(run_after=run_after)
    job.enqueue()
    return True
