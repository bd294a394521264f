from datetime import datetime

from django.db.models import Count, Q, QuerySet

from kamrat.accounts.models import Membership, Role, User
from kamrat.programs.models import Program

from .models import OPEN_PAIRING_STATES, Meeting, Pairing, SupportRequest


def pairing_list_for_user(*, user: User) -> list[Pairing]:
    """The person's own contacts, as participant or as peer supporter."""
    return list(
        Pairing.objects.filter(Q(participant=user) | Q(supporter=user))
        .filter(status__in=OPEN_PAIRING_STATES)
        .select_related("program", "participant", "supporter")
        .order_by("status", "-created_at")
    )


def request_list_for_participant(*, user: User) -> list[SupportRequest]:
    return list(
        SupportRequest.objects.filter(
            participant=user,
            status__in=[
                SupportRequest.Status.AWAITING_CONFIRMATION,
                SupportRequest.Status.OPEN,
                SupportRequest.Status.PROPOSED,
            ],
        ).select_related("program")
    )


def meeting_list_for_user(
    *, user: User, start: datetime, end: datetime, include_cancelled: bool = False
) -> list[Meeting]:
    meetings = Meeting.objects.filter(
        Q(pairing__participant=user) | Q(pairing__supporter=user),
        starts_at__gte=start,
        starts_at__lt=end,
    )
    if not include_cancelled:
        meetings = meetings.exclude(status=Meeting.Status.CANCELLED)
    return list(
        meetings.select_related(
            "pairing__program", "pairing__participant", "pairing__supporter"
        ).order_by("starts_at")
    )


def request_queue(
    *,
    program: Program,
    status: str = "",
    area_id: int | None = None,
    language: str = "",
    mode: str = "",
) -> QuerySet[SupportRequest]:
    requests = SupportRequest.objects.filter(program=program).select_related(
        "participant", "area", "handled_by"
    )
    if status:
        requests = requests.filter(status=status)
    else:
        requests = requests.filter(
            status__in=[SupportRequest.Status.OPEN, SupportRequest.Status.PROPOSED]
        )
    if area_id:
        requests = requests.filter(area_id=area_id)
    # JSON lists are filtered in Python below where the database cannot (SQLite).
    result = list(requests.order_by("created_at"))
    if language:
        result = [r for r in result if language in r.languages]
    if mode:
        result = [r for r in result if mode in r.modes]
    return result


def caseload_list(*, program: Program) -> list[dict]:
    """Each peer supporter's open contacts against their cap."""
    from .models import SupporterProfile

    memberships = (
        Membership.objects.active()
        .filter(program=program, role=Role.PEER_SUPPORTER)
        .select_related("user")
        .order_by("user__name")
    )
    loads = dict(
        Pairing.objects.filter(program=program, status__in=OPEN_PAIRING_STATES)
        .values("supporter_id")
        .annotate(n=Count("id"))
        .values_list("supporter_id", "n")
    )
    profiles = {
        p.supporter_id: p for p in SupporterProfile.objects.filter(program=program)
    }
    return [
        {
            "supporter": m.user,
            "load": loads.get(m.user_id, 0),
            "profile": profiles.get(m.user_id),
        }
        for m in memberships
    ]
