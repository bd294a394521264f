"""The reports app's part of the authorization world.

Importing this module registers its gates and objects with authz_world. Every
rule calls the app's own predicate.
"""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from kamrat.accounts.models import User
from kamrat.reports import permissions as report_permissions
from kamrat.support.models import Meeting, Pairing

from . import authz_world as w


def _reads_reports(viewer: User | None, program: Any) -> bool:
    return viewer is not None and report_permissions.can_view_report(viewer, program)


w.GATES.update(
    {
        "reports:report": _reads_reports,
        "reports:csv": _reads_reports,
        "reports:xlsx": _reads_reports,
        "reports:pdf": _reads_reports,
    }
)


def build(world: w.World) -> None:
    """Enough kept meetings in each programme for one count to be shown."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for program in world.programs.values():
        pairing = Pairing.objects.filter(
            program=program, status=Pairing.Status.ACTIVE
        ).first()
        for days in range(10, 16):
            start = now - timedelta(days=days)
            Meeting.objects.create(
                pairing=pairing,
                starts_at=start,
                ends_at=start + timedelta(hours=1),
                mode="fika",
                status=Meeting.Status.KEPT,
            )


w.EXTRA_BUILDERS.append(build)
