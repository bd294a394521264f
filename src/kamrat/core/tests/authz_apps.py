"""The recovery, concerns and privacy apps' part of the authorization world.

Importing this module registers their objects, URL parameters, gates and
marker rules with authz_world. Every rule calls the app's own predicates.
"""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from kamrat.accounts.models import User
from kamrat.concerns import permissions as concern_permissions
from kamrat.concerns.models import Concern, Shift
from kamrat.concerns.services.concerns import concern_raise
from kamrat.concerns.services.rota import shift_add
from kamrat.privacy import consents
from kamrat.privacy.models import ConsentKind
from kamrat.programs.models import Program
from kamrat.recovery import permissions as recovery_permissions
from kamrat.recovery import services as recovery_services
from kamrat.recovery import views as recovery_views
from kamrat.recovery.models import Item, Part
from kamrat.support.models import Pairing

from . import authz_world as w


def _signed(gate):
    def check(viewer: User | None, obj: Any) -> bool:
        return viewer is not None and bool(gate(viewer, obj))

    return check


def _program_of(obj: Any) -> Program:
    return obj if isinstance(obj, Program) else obj.program


def _item_owner(viewer: User | None, item: Item) -> bool:
    return viewer is not None and item.plan.participant_id == viewer.pk


def _plan_reader(viewer: User | None, pairing: Pairing) -> bool:
    """The shared-plan page opens for the pairing's own supporter while in contact;
    whether it shows anything is can_read_shared_plan's question."""
    return (
        viewer is not None
        and pairing.supporter_id == viewer.pk
        and pairing.status in recovery_permissions.SHARING_PAIRING_STATES
    )


def _manages_concerns(viewer: User | None, obj: Any) -> bool:
    return viewer is not None and concern_permissions.can_manage_concerns(
        viewer, _program_of(obj)
    )


def _contact_of_unit(viewer: User | None, program: Program) -> bool:
    return viewer is not None and bool(consents.workplace_of_contact(viewer, program))


w.PARAMS["item_id"] = (Item, "pk", _item_owner)
w.GATES.update(
    {
        "recovery:shared": _plan_reader,
        "recovery:plan": _signed(recovery_permissions.can_keep_plan),
        "recovery:print": _signed(recovery_permissions.can_keep_plan),
        "recovery:sharing": _signed(recovery_permissions.can_keep_plan),
        "recovery:item_add": _signed(recovery_permissions.can_keep_plan),
        "concerns:raise": _signed(concern_permissions.can_raise_concern),
        "concerns:acknowledge": _manages_concerns,
        "concerns:close": _manages_concerns,
        "concerns:list": _manages_concerns,
        "concerns:rota": _manages_concerns,
        "concerns:shift_add": _manages_concerns,
        "concerns:shift_remove": _manages_concerns,
        "concerns:order": _manages_concerns,
        "privacy:consents": _signed(consents.can_give_consents),
        "privacy:consent_texts": _signed(consents.can_manage_consent_texts),
        "privacy:consent_text_new": _signed(consents.can_manage_consent_texts),
        "privacy:evaluation": _signed(consents.can_view_evaluation_list),
        "privacy:has_supporter": _contact_of_unit,
    }
)
w.PARAMS["shift_id"] = (Shift, "pk", _manages_concerns)
w.LITERALS.update(
    {
        ("recovery:item_action", "action"): [*recovery_views.ACTIONS, "nope"],
        ("recovery:item_add", "part"): [*Part.values, "nope"],
        ("privacy:consent_text_new", "kind"): [*ConsentKind.values, "nope"],
    }
)


def _sees_participant(viewer: User, person: User) -> bool:
    """Concerns about the person, a unit they let know, an evaluation list."""
    for concern in Concern.objects.filter(participant=person):
        if concern_permissions.can_view_concern(viewer, concern):
            return True
    for program_id in person.memberships.values_list("program_id", flat=True):
        program = Program.objects.get(pk=program_id)
        unit = consents.workplace_of_contact(viewer, program)
        if unit and person in consents.has_supporter_list(
            program=program, workplace=unit
        ):
            return True
        if consents.can_view_evaluation_list(
            viewer, program
        ) and person in consents.evaluation_list(program=program):
            return True
    return False


w.EXTRA_PARTICIPANT_VISIBILITY.append(_sees_participant)


def _words_visible(item: Item, pairing: Pairing):
    def check(viewer: User | None) -> bool:
        if viewer is None:
            return False
        if viewer.pk == item.plan.participant_id:
            return True
        return item.shared and recovery_permissions.can_read_shared_plan(
            viewer, pairing
        )

    return check


def _concern_visible(concern: Concern):
    def check(viewer: User | None) -> bool:
        return viewer is not None and concern_permissions.can_view_concern(
            viewer, concern
        )

    return check


def build(world: w.World) -> None:
    """p1 keeps a plan (one item shared), lets the ward know and shares the plan;
    p2 agrees to evaluation; s1 raises a concern about p1 and one about someone
    outside Kamrat; the coordinator has a shift on call."""
    now = timezone.now()
    for key, program in world.programs.items():
        people = {k.split(".", 1)[1]: u for k, u in world.people.items() if k[0] == key}
        consents.consent_defaults_create(program=program)
        p1, p2, s1 = people["partone"], people["parttwo"], people["supone"]
        pairing1 = Pairing.objects.get(program=program, participant=p1)
        ward = program.workplaces.get(name=f"Ward {key}")
        for what, shared in (("wordsshared", True), ("wordsown", False)):
            item = recovery_services.item_add(
                participant=p1,
                program=program,
                part=Part.GOAL,
                text=w._marker(key, what),
                shared=shared,
            )
            world.markers.append(
                w.Marker(
                    w._marker(key, what),
                    "words",
                    p1,
                    program,
                    _words_visible(item, pairing1),
                )
            )
        recovery_services.item_add(
            participant=p1,
            program=program,
            part=Part.STEP,
            text=w._marker(key, "wordsown"),
            goal=item,
        )
        recovery_services.plan_sharing_set(participant=p1, program=program, shared=True)
        consents.consent_set(
            participant=p1,
            program=program,
            kind=ConsentKind.WARD_KNOWS,
            granted=True,
            workplace=ward,
        )
        consents.consent_set(
            participant=p2, program=program, kind=ConsentKind.EVALUATION, granted=True
        )
        shift_add(
            program=program,
            person=people["coord"],
            starts_at=now + timedelta(hours=1),
            ends_at=now + timedelta(hours=9),
        )
        concern_raise(
            program=program,
            by=s1,
            pairing=pairing1,
            reach=Concern.Reach.SUPPORTER,
            urgency=Concern.Urgency.HOURS,
        )
        other = concern_raise(
            program=program,
            by=s1,
            pairing=None,
            first_name=w._marker(key, "concernname"),
            reach=Concern.Reach.PHONE,
            contact_detail=w._marker(key, "concernphone"),
            urgency=Concern.Urgency.TODAY,
        )
        for what in ("concernname", "concernphone"):
            world.markers.append(
                w.Marker(
                    w._marker(key, what),
                    "words",
                    None,
                    program,
                    _concern_visible(other),
                )
            )


w.EXTRA_BUILDERS.append(build)
from . import authz_recruitment  # noqa: E402, F401, I001
from . import authz_supervision  # noqa: E402, F401, I001
from . import authz_training  # noqa: E402, F401, I001
from . import authz_placements  # noqa: E402, F401, I001
from . import authz_reports  # noqa: E402, F401, I001
