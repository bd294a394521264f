"""Demo consents and access-log entries, written through the real services."""

from kamrat.accounts.models import Membership, Role, User
from kamrat.programs.models import Program

from .consents import consent_set, evaluation_list, has_supporter_list
from .models import AccessEntry, ConsentKind
from .services import access_log


def demo_privacy_load(*, program: Program, people: dict[str, list[User]]) -> None:
    """Participants say yes to what they choose; one takes a yes back.

    Then the coordinator and the workplace contact look at what the consents
    allow them to see, so participants' 'who has looked' pages have rows.
    """
    participants = people.get(Role.PARTICIPANT, [])
    if not participants:
        return
    contact = (
        Membership.objects.active()
        .filter(program=program, role=Role.WORKPLACE_CONTACT)
        .select_related("workplace", "user")
        .first()
    )
    unit = contact.workplace if contact else program.workplaces.first()
    first, *others = participants
    if unit is not None:
        consent_set(
            participant=first,
            program=program,
            kind=ConsentKind.WARD_KNOWS,
            granted=True,
            workplace=unit,
        )
    consent_set(
        participant=first, program=program, kind=ConsentKind.EVALUATION, granted=True
    )
    for index, participant in enumerate(others):
        consent_set(
            participant=participant,
            program=program,
            kind=ConsentKind.EVALUATION,
            granted=True,
        )
        if index == 0:  # changed their mind, so the history shows both
            consent_set(
                participant=participant,
                program=program,
                kind=ConsentKind.EVALUATION,
                granted=False,
            )
    coordinator = (people.get(Role.COORDINATOR) or [None])[0]
    if coordinator is not None:
        from kamrat.support.models import SupportRequest

        waiting = SupportRequest.objects.filter(
            program=program, status=SupportRequest.Status.OPEN
        ).values_list("participant_id", flat=True)
        access_log(
            reader=coordinator,
            participants=list(waiting),
            program=program,
            what=AccessEntry.What.QUEUE,
            purpose=AccessEntry.Purpose.MATCHING,
        )
        access_log(
            reader=coordinator,
            participants=evaluation_list(program=program),
            program=program,
            what=AccessEntry.What.EVALUATION,
            purpose=AccessEntry.Purpose.COORDINATION,
        )
    if contact is not None:
        access_log(
            reader=contact.user,
            participants=has_supporter_list(
                program=program, workplace=contact.workplace
            ),
            program=program,
            what=AccessEntry.What.HAS_SUPPORTER,
            purpose=AccessEntry.Purpose.COORDINATION,
        )
