"""Consents: what a participant has agreed to, per programme, right now."""

from django.db import transaction

from kamrat.accounts.models import User
from kamrat.programs.models import Program

from .models import ConsentEvent, ConsentKind, ConsentText


def consent_text_current(*, program: Program, kind: str) -> ConsentText | None:
    """The newest published wording of a consent in a programme."""
    return (
        ConsentText.objects.filter(program=program, kind=kind)
        .order_by("-version")
        .first()
    )


def consent_given(participant: User | int, program: Program | int, kind: str) -> bool:
    """True only while the newest event for this kind is a grant.

    Read on every use and never cached, so a withdrawal holds at once everywhere.
    """
    latest = (
        ConsentEvent.objects.filter(participant=participant, program=program, kind=kind)
        .order_by("-at", "-id")
        .values_list("granted", flat=True)
        .first()
    )
    return bool(latest)


def consents_given(program: Program | int, kind: str) -> set[int]:
    """Ids of the participants whose newest event for this kind is a grant."""
    latest: dict[int, bool] = {}
    for participant_id, granted in (
        ConsentEvent.objects.filter(program=program, kind=kind)
        .order_by("participant_id", "-at", "-id")
        .values_list("participant_id", "granted")
    ):
        latest.setdefault(participant_id, granted)
    return {pid for pid, granted in latest.items() if granted}


@transaction.atomic
def consent_set(
    *, participant: User, program: Program, kind: str, granted: bool
) -> ConsentEvent:
    """Record a grant or withdrawal against the current text version."""
    if kind not in ConsentKind.values:
        raise ValueError(f"unknown consent kind {kind!r}")
    text = consent_text_current(program=program, kind=kind)
    if text is None:
        raise ValueError(f"programme has no text for consent {kind!r}")
    return ConsentEvent.objects.create(
        participant=participant, program=program, kind=kind, text=text, granted=granted
    )
