"""One predicate per question about recovery plans. Coordinators never read plans."""

from django.http import Http404

from kamrat.accounts.models import Role, User
from kamrat.accounts.permissions import roles_in
from kamrat.privacy.consents import consent_given
from kamrat.privacy.models import ConsentKind
from kamrat.programs.models import Program
from kamrat.support.models import Pairing

from .models import Item

SHARING_PAIRING_STATES = (Pairing.Status.ACTIVE, Pairing.Status.PAUSED)


def can_keep_plan(user: User, program: Program) -> bool:
    """Participants keep their own plan in each programme they take part in."""
    if Role.PARTICIPANT in roles_in(user, program.pk):
        return True
    return False


def can_read_shared_plan(user: User, pairing: Pairing) -> bool:
    """The participant's own peer supporter, while they are in contact and it is shared.

    The consent is read on every call and never cached, so a withdrawal holds
    from the next page the supporter opens.
    """
    if pairing.supporter_id != user.pk:  # only their own peer supporter
        return False
    if pairing.status not in SHARING_PAIRING_STATES:  # only while in contact
        return False
    if Role.PEER_SUPPORTER not in roles_in(user, pairing.program_id):  # still staff
        return False
    if consent_given(  # only while the participant shares
        pairing.participant_id, pairing.program_id, ConsentKind.RECOVERY_PLAN
    ):
        return True
    return False


def get_program_for_plan(user: User, slug: str) -> Program:
    """404 both when the programme is missing and when the person is not in it."""
    program = Program.objects.filter(slug=slug).first()
    if program is None or not can_keep_plan(user, program):
        raise Http404
    return program


def get_item_for_owner(user: User, item_id: int) -> Item:
    """An item of the person's own plan; anyone else's id gives 404."""
    item = (
        Item.objects.select_related("plan")
        .filter(pk=item_id, plan__participant=user)
        .first()
    )
    if item is None:
        raise Http404
    return item


def get_pairing_for_plan_reader(user: User, pairing_id: int) -> Pairing:
    """The supporter's own open contact; whether the plan is shared is asked apart."""
    pairing = (
        Pairing.objects.select_related("program", "participant")
        .filter(pk=pairing_id, supporter=user, status__in=SHARING_PAIRING_STATES)
        .first()
    )
    if pairing is None or Role.PEER_SUPPORTER not in roles_in(user, pairing.program_id):
        raise Http404
    return pairing
