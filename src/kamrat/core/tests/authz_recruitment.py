"""The recruitment app's part of the authorization world.

Each programme has an open call with one applicant whose name and words are
markers: only who runs that programme may see them.
"""

import re
from datetime import timedelta
from typing import Any

from django.utils import timezone

from kamrat.accounts.models import User
from kamrat.recruitment import permissions as recruitment_permissions
from kamrat.recruitment.models import Application, Call

from . import authz_world as w


def _public_call(viewer: User | None, call: Call) -> bool:
    return recruitment_permissions.can_see_public_call(call)


def _public_program(viewer: User | None, program: Any) -> bool:
    return program.is_public


def _manages_calls(viewer: User | None, program: Any) -> bool:
    return viewer is not None and recruitment_permissions.can_manage_calls(
        viewer, program
    )


def _manages_call(viewer: User | None, call: Call) -> bool:
    return viewer is not None and recruitment_permissions.can_manage_call(viewer, call)


def _views_application(viewer: User | None, application: Application) -> bool:
    return viewer is not None and recruitment_permissions.can_view_application(
        viewer, application
    )


w.PARAMS["call_id"] = (Call, "pk", _manages_call)
w.PARAMS["application_id"] = (Application, "pk", _views_application)
w.GATES.update(
    {
        "recruitment:calls": _public_program,
        "recruitment:apply": _public_call,
        "recruitment:manage": _manages_calls,
        "recruitment:pipeline": _manages_call,
        "recruitment:application": _views_application,
        "recruitment:application_step": _views_application,
    }
)
# Reading applicants writes who read them, like the access log.
w.UNTRACKED_TABLES = re.compile(
    rf"(?:{w.UNTRACKED_TABLES.pattern})|^recruitment_applicantread$"
)


def build(world: w.World) -> None:
    today = timezone.localdate()
    for key, program in world.programs.items():
        call = Call.objects.create(
            program=program,
            title_sv=f"Call {key}",
            title_da=f"Call {key}",
            title_en=f"Call {key}",
            text_en="Join us.",
            opens_on=today - timedelta(days=1),
            closes_on=today + timedelta(days=30),
            places=7,
        )
        name = w._marker(key, "applicant")
        words = w._marker(key, "applicantwords")
        Application.objects.create(
            call=call,
            name=name,
            email=f"{name.lower()}@applicants.test",
            motivation=words,
            availability=["evenings"],
            language="en",
        )
        application = Application.objects.get(call=call)
        for text in (name, words):
            world.markers.append(
                w.Marker(
                    text,
                    "words",
                    None,
                    program,
                    lambda viewer, a=application: _views_application(viewer, a),
                )
            )


w.EXTRA_BUILDERS.append(build)
