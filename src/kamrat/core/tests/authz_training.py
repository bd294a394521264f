"""The training app's part of the authorization world.

Each programme has a cohort in its third week: a trainee from outside the
programme (whose name is a marker only the trainee and who runs the programme
may see), a second one who left, and s2 from the staff. Sessions are led by the
coordinator and by s1; a trainee may see their leaders' names. s1 holds a
certificate of an earlier cohort; its name as issued is no marker, since the
public check page shows it to anyone with the code.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from kamrat.accounts.models import User
from kamrat.core.testing import make_user
from kamrat.programs.models import Program
from kamrat.training import permissions as training_permissions
from kamrat.training.models import (
    Attendance,
    Certificate,
    Cohort,
    ContinuedEducation,
    Enrolment,
    Session,
    Week,
)

from . import authz_world as w


def _program_of(obj: Any) -> Program:
    if isinstance(obj, Program):
        return obj
    if isinstance(obj, Session | Enrolment):
        return obj.cohort.program
    return obj.program


def _manages(viewer: User | None, obj: Any) -> bool:
    return viewer is not None and training_permissions.can_manage_training(
        viewer, _program_of(obj)
    )


def _signed(predicate):
    def gate(viewer: User | None, obj: Any) -> bool:
        return viewer is not None and predicate(viewer, obj)

    return gate


def _feed_works(viewer: User | None, enrolment: Enrolment) -> bool:
    """The address is a capability: whoever holds it, while the person is in."""
    return enrolment.status != Enrolment.Status.WITHDRAWN


def _anyone(viewer: User | None, certificate: Certificate) -> bool:
    return True


w.PARAMS["cohort_id"] = (Cohort, "pk", _signed(training_permissions.can_view_cohort))
w.PARAMS["training_session_id"] = (
    Session,
    "pk",
    _signed(training_permissions.can_manage_session),
)
w.PARAMS["enrolment_id"] = (
    Enrolment,
    "pk",
    _signed(training_permissions.can_view_enrolment),
)
w.PARAMS["certificate_id"] = (
    Certificate,
    "pk",
    _signed(training_permissions.can_view_certificate),
)
w.PARAMS["token"] = (Enrolment, "feed_token", _feed_works)
w.PARAMS["code"] = (Certificate, "code", _anyone)
w.LITERALS[("training:week", "number")] = ["1", "2", "3", "5", "6", "99"]
w.GATES.update(
    {
        "training:cohorts": _manages,
        "training:cohort_new": _manages,
        "training:education": _manages,
        "training:withdraw": _signed(training_permissions.can_manage_enrolment),
        "training:feed_renew": _signed(training_permissions.can_view_schedule),
        "training:certificate_revoke": _signed(
            training_permissions.can_revoke_certificate
        ),
    }
)


def _trainee_visible(person: User, program: Program):
    def check(viewer: User | None) -> bool:
        if viewer is None:
            return False
        if viewer.pk == person.pk:
            return True
        return training_permissions.can_manage_training(viewer, program)

    return check


def _also_to_trainees(marker: w.Marker, cohort: Cohort) -> None:
    """Trainees see who leads their sessions, though they are not staff."""
    before = marker.visible_to

    def check(viewer: User | None) -> bool:
        if before(viewer):
            return True
        return viewer is not None and any(
            training_permissions.can_view_schedule(viewer, e)
            for e in cohort.enrolments.filter(user=viewer)
        )

    marker.visible_to = check


def build(world: w.World) -> None:
    now = timezone.now()
    for key, program in world.programs.items():
        people = {k.split(".", 1)[1]: u for k, u in world.people.items() if k[0] == key}
        zone = ZoneInfo(program.time_zone)
        today = timezone.localdate()
        starts_on = today - timedelta(days=15)
        cohort = Cohort.objects.create(
            program=program,
            name=f"Cohort {key}",
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=34),
            place=f"Hall {key}",
            created_by=people["coord"],
        )
        weeks = Week.objects.bulk_create(
            Week(
                cohort=cohort,
                number=n,
                kind=Week.Kind.ON_SITE if n % 2 else Week.Kind.HOME_STUDY,
                theme=f"Theme {key}{n}",
                material_en="Read chapter 2." if n == 2 else "",
            )
            for n in range(1, 6)
        )
        sessions = []
        for offset, leader, cancelled in (
            (1, people["coord"], False),
            (14, people["supone"], False),
            (16, people["coord"], True),
            (28, people["supone"], False),
        ):
            start = datetime.combine(
                starts_on + timedelta(days=offset), time(10), tzinfo=zone
            )
            sessions.append(
                Session.objects.create(
                    cohort=cohort,
                    week=weeks[offset // 7],
                    starts_at=start,
                    ends_at=start + timedelta(hours=4),
                    place=f"Hall {key}",
                    topic=f"Topic {key}{offset}",
                    leader=leader,
                    led_by_peer_supporter=leader == people["supone"],
                    is_cancelled=cancelled,
                )
            )
        trainees = {}
        for what in ("trainee", "traineeleft"):
            marker = w._marker(key, what)
            trainees[what] = make_user(
                name=f"{marker} Person", email=f"{marker.lower()}@people.test"
            )
            visible = _trainee_visible(trainees[what], program)
            world.markers.append(
                w.Marker(marker, "name", trainees[what], program, visible)
            )
            world.markers.append(
                w.Marker(marker.lower(), "email", trainees[what], program, visible)
            )
        world.people[f"{key}.trainee"] = trainees["trainee"]
        enrolments = [
            Enrolment.objects.create(
                cohort=cohort, user=trainees["trainee"], feed_token=f"tr-{key}-in"
            ),
            Enrolment.objects.create(cohort=cohort, user=people["suptwo"]),
            Enrolment.objects.create(
                cohort=cohort,
                user=trainees["traineeleft"],
                status=Enrolment.Status.WITHDRAWN,
                feed_token=f"tr-{key}-left",
            ),
        ]
        for enrolment in enrolments[:2]:
            Attendance.objects.create(
                session=sessions[0], enrolment=enrolment, attended=True
            )
        for marker in world.markers:
            if marker.kind == "name" and marker.owner in (
                people["coord"],
                people["supone"],
            ):
                _also_to_trainees(marker, cohort)

        earlier = Cohort.objects.create(
            program=program,
            name=f"Earlier {key}",
            starts_on=starts_on - timedelta(days=400),
            ends_on=starts_on - timedelta(days=366),
            place=f"Hall {key}",
            completed_at=now - timedelta(days=360),
        )
        Enrolment.objects.create(
            cohort=earlier,
            user=people["supone"],
            status=Enrolment.Status.COMPLETED,
        )
        Certificate.objects.create(
            program=program,
            user=people["supone"],
            cohort=earlier,
            holder_name=f"Holder {key}",
            training_started_on=earlier.starts_on,
            training_ended_on=earlier.ends_on,
            issued_on=earlier.ends_on,
        )
        ContinuedEducation.objects.create(
            program=program,
            user=people["supone"],
            title=f"Course {key}",
            held_on=today - timedelta(days=30),
            hours=Decimal("6"),
            recorded_by=people["coord"],
        )


w.EXTRA_BUILDERS.append(build)
