"""The supervision app's part of the authorization world.

Importing this module registers its URL parameter, gates and objects with
authz_world. Every rule calls the app's own predicates.
"""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from kamrat.accounts.models import User
from kamrat.programs.models import Program
from kamrat.supervision import permissions as supervision_permissions
from kamrat.supervision.models import Invitation, Kind, SupervisionSession

from . import authz_world as w


def _program_of(obj: Any) -> Program:
    return obj if isinstance(obj, Program) else obj.program


def _manages_supervision(viewer: User | None, obj: Any) -> bool:
    return viewer is not None and supervision_permissions.can_manage_supervision(
        viewer, _program_of(obj)
    )


def _own_supervision(viewer: User | None, program: Program) -> bool:
    return viewer is not None and supervision_permissions.can_view_own_supervision(
        viewer, program
    )


w.PARAMS["supervision_id"] = (SupervisionSession, "pk", _manages_supervision)
w.GATES.update(
    {
        "supervision:overview": _manages_supervision,
        "supervision:targets": _manages_supervision,
        "supervision:new": _manages_supervision,
        "supervision:mine": _own_supervision,
        "supervision:session": _manages_supervision,
        "supervision:move": _manages_supervision,
        "supervision:cancel": _manages_supervision,
        "supervision:attendance": _manages_supervision,
    }
)


def build(world: w.World) -> None:
    """s1 attended group supervision a week ago; s2 is invited to one ahead."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for key, program in world.programs.items():
        people = {k.split(".", 1)[1]: u for k, u in world.people.items() if k[0] == key}
        for days, supporter, kind in (
            (-7, people["supone"], Kind.GROUP),
            (6, people["suptwo"], Kind.INDIVIDUAL),
        ):
            session = SupervisionSession.objects.create(
                program=program,
                kind=kind,
                supervisor=people["coord"],
                starts_at=now + timedelta(days=days),
                ends_at=now + timedelta(days=days, hours=2),
                place=f"Room {key}",
                created_by=people["coord"],
            )
            Invitation.objects.create(
                session=session,
                supporter=supporter,
                attendance="attended" if days < 0 else "",
            )


w.EXTRA_BUILDERS.append(build)
