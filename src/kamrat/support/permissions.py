"""One predicate per question about requests, pairings and meetings."""

from django.http import Http404

from kamrat.accounts.models import Role, User
from kamrat.accounts.permissions import roles_in
from kamrat.programs.models import Program

from .models import Meeting, Pairing, SupportRequest

RUNS_PROGRAM = {Role.COORDINATOR, Role.PROGRAM_ADMIN}


def can_manage_requests(user: User, program: Program) -> bool:
    """Coordinators and admins run the queue and matching of their own programme."""
    if roles_in(user, program.pk) & RUNS_PROGRAM:
        return True
    return False


def can_view_request(user: User, request: SupportRequest) -> bool:
    if request.participant_id == user.pk:  # it is their own request
        return True
    if roles_in(user, request.program_id) & RUNS_PROGRAM:  # the programme's queue
        return True
    return False


def can_read_request_message(user: User, request: SupportRequest) -> bool:
    """The participant's own words are for the coordinator who handles the request."""
    if request.participant_id == user.pk:
        return True
    if request.handled_by_id == user.pk and (
        roles_in(user, request.program_id) & RUNS_PROGRAM
    ):
        return True
    return False


def can_view_pairing(user: User, pairing: Pairing) -> bool:
    if user.pk in (pairing.participant_id, pairing.supporter_id):  # the two of them
        return True
    if roles_in(user, pairing.program_id) & RUNS_PROGRAM:  # who runs the programme
        return True
    return False


def can_act_in_pairing(user: User, pairing: Pairing) -> bool:
    """Book, move, cancel, pause or end: only the participant and their supporter."""
    if user.pk in (pairing.participant_id, pairing.supporter_id):
        return True
    return False


def can_view_meeting(user: User, meeting: Meeting) -> bool:
    return can_view_pairing(user, meeting.pairing)


REFERS = {Role.WORKPLACE_CONTACT, Role.COORDINATOR, Role.PROGRAM_ADMIN}


def can_refer(user: User, program: Program) -> bool:
    """Hand out paper codes or ask on someone's behalf: units and coordinators."""
    if roles_in(user, program.pk) & REFERS:
        return True
    return False


def can_offer_times(user: User, program: Program) -> bool:
    if Role.PEER_SUPPORTER in roles_in(user, program.pk):
        return True
    return False


def get_pairing_for_user(user: User, pairing_id: int) -> Pairing:
    """404 both when missing and when not theirs, so ids reveal nothing."""
    pairing = (
        Pairing.objects.select_related("program", "participant", "supporter")
        .filter(pk=pairing_id)
        .first()
    )
    if pairing is None or not can_view_pairing(user, pairing):
        raise Http404
    return pairing


def get_meeting_for_user(user: User, meeting_id: int) -> Meeting:
    meeting = (
        Meeting.objects.select_related(
            "pairing__program", "pairing__participant", "pairing__supporter"
        )
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None or not can_act_in_pairing(user, meeting.pairing):
        raise Http404
    return meeting


def get_request_for_user(user: User, request_id: int) -> SupportRequest:
    request = (
        SupportRequest.objects.select_related("program", "participant", "area")
        .filter(pk=request_id)
        .first()
    )
    if request is None or not can_view_request(user, request):
        raise Http404
    return request


def get_program_for_manager(user: User, slug: str) -> Program:
    program = Program.objects.filter(slug=slug).first()
    if program is None or not can_manage_requests(user, program):
        raise Http404
    return program


def get_program_for_supporter(user: User, slug: str) -> Program:
    program = Program.objects.filter(slug=slug).first()
    if program is None or not can_offer_times(user, program):
        raise Http404
    return program
