"""Writing and checking the access log: who read which participant's data."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from kamrat.accounts.models import Membership, Role, User
from kamrat.programs.models import Program

from .models import AccessEntry, ChainHead

GENESIS = "0" * 64
READER_ROLE_ORDER = [
    Role.PROGRAM_ADMIN,
    Role.COORDINATOR,
    Role.PEER_SUPPORTER,
    Role.WORKPLACE_CONTACT,
]


def _reader_snapshot(reader: User, program: Program) -> tuple[str, str]:
    memberships = {
        m.role: m
        for m in Membership.objects.active()
        .filter(user=reader, program=program)
        .select_related("workplace")
    }
    for role in READER_ROLE_ORDER:
        if role in memberships:
            workplace = memberships[role].workplace
            return role, workplace.name if workplace else program.name
    return "staff", program.name


@transaction.atomic
def access_log(
    *,
    reader: User,
    participants: Iterable[User | int | None],
    program: Program,
    what: str,
    purpose: str,
) -> list[AccessEntry]:
    """Record that `reader` read these participants' data; reading oneself is not."""
    # None: a contact whose participant was erased or is past retention names nobody.
    ids = sorted(
        {p if isinstance(p, int) or p is None else p.pk for p in participants}
        - {reader.pk, None}
    )
    if not ids:
        return []
    role, unit = _reader_snapshot(reader, program)
    head, _created = ChainHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"hash": GENESIS}
    )
    now = timezone.now()
    previous = head.hash
    entries = []
    for participant_id in ids:
        entry = AccessEntry(
            at=now,
            participant_id=participant_id,
            participant_number=participant_id,
            program=program,
            reader=reader,
            reader_number=reader.pk,
            reader_name=reader.name,
            reader_role=role,
            reader_unit=unit,
            what=what,
            purpose=purpose,
            prev_hash=previous,
        )
        entry.hash = entry.compute_hash()
        entry.save()
        entries.append(entry)
        previous = entry.hash
    head.hash = previous
    head.save(update_fields=["hash"])
    return entries


def access_log_verify() -> tuple[int, list[int]]:
    """Walk the chain from the start; returns (entries checked, ids that break it)."""
    broken = []
    first = AccessEntry.objects.order_by("id").first()
    # Retention removes the oldest entries; the chain is checked from what is left.
    previous = first.prev_hash if first else GENESIS
    count = 0
    for entry in AccessEntry.objects.order_by("id").iterator():
        count += 1
        if entry.prev_hash != previous or entry.compute_hash() != entry.hash:
            broken.append(entry.pk)
        previous = entry.hash
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and count and head.hash != previous:
        broken.append(-1)  # the newest entries were removed
    return count, broken
