"""The one adapter between the database and the pure matching engine."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kamrat.accounts.models import Membership, Role, User
from kamrat.programs.models import Program
from kamrat.support.choices import Mode, slot_label
from kamrat.support.models import (
    OPEN_PAIRING_STATES,
    Pairing,
    SupporterProfile,
    SupportRequest,
    WeeklyTime,
)
from kamrat.support.services.availability import weekly_slots
from kamrat.support.services.requests import support_request_choose

from . import engine

LANGUAGE_NAMES = {
    "sv": gettext_lazy("Swedish"),
    "da": gettext_lazy("Danish"),
    "en": gettext_lazy("English"),
}
GENDER_WEIGHT = 4
AGE_WEIGHT = 2


@dataclass(frozen=True)
class SuggestionView:
    supporter: User
    reasons: tuple[str, ...]


def engine_request(request: SupportRequest) -> engine.Request:
    preferences = []
    if request.preferred_gender:
        preferences.append(
            engine.Preference(f"gender:{request.preferred_gender}", GENDER_WEIGHT)
        )
    if request.preferred_age_group:
        preferences.append(
            engine.Preference(f"age:{request.preferred_age_group}", AGE_WEIGHT)
        )
    return engine.Request(
        id=request.pk,
        program_id=request.program_id,
        languages=frozenset(request.languages),
        area_id=request.area_id,
        modes=frozenset(request.modes),
        availability=frozenset(request.times),
        excluded_supporter_ids=frozenset(u.pk for u in request.excluded.all()),
        preferences=tuple(preferences),
        topics=frozenset(request.topics),
    )


def engine_supporters(program: Program) -> list[engine.Supporter]:
    """Every active peer supporter of the programme with what they offer now."""
    active = set(
        Membership.objects.active()
        .filter(program=program, role=Role.PEER_SUPPORTER)
        .values_list("user_id", flat=True)
    )
    loads = dict(
        Pairing.objects.filter(program=program, status__in=OPEN_PAIRING_STATES)
        .values("supporter_id")
        .annotate(n=Count("id"))
        .values_list("supporter_id", "n")
    )
    times: dict[int, list[WeeklyTime]] = {}
    for weekly in WeeklyTime.objects.filter(program=program):
        times.setdefault(weekly.supporter_id, []).append(weekly)
    profiles = SupporterProfile.objects.filter(
        program=program, supporter_id__in=active
    ).prefetch_related("areas")
    result = []
    for profile in profiles:
        attributes = set()
        if profile.gender:
            attributes.add(f"gender:{profile.gender}")
        if profile.age_group:
            attributes.add(f"age:{profile.age_group}")
        result.append(
            engine.Supporter(
                id=profile.supporter_id,
                program_id=program.pk,
                languages=frozenset(profile.languages),
                area_ids=frozenset(a.pk for a in profile.areas.all()),
                modes=frozenset(profile.modes),
                availability=weekly_slots(times.get(profile.supporter_id, [])),
                capacity=profile.capacity,
                load=loads.get(profile.supporter_id, 0),
                accepting_new=profile.accepting_new,
                attributes=frozenset(attributes),
            )
        )
    return result


def _reason_values(code: str, values: list, area_names: dict[int, str]) -> list[str]:
    if code == "language":
        return [str(LANGUAGE_NAMES.get(str(v), v)).lower() for v in values]
    if code == "area":
        return [area_names.get(int(v), "") for v in values]
    if code == "mode":
        return [str(Mode(v).label).lower() for v in values]
    if code == "free":
        return [slot_label(int(v)).lower() for v in values]
    return [str(v) for v in values]


REASON_LIMITS = {"language": 3, "area": 1, "mode": 3, "free": 3, "preference": 1}


def reasons_text(
    reasons: tuple[engine.Reason, ...], *, area_names: dict[int, str]
) -> tuple[str, ...]:
    """Reasons as short phrases in the current language, one per kind of reason."""
    grouped: dict[str, list] = {}
    for reason in reasons:
        grouped.setdefault(reason.code, []).append(reason.value)
    phrases = {
        "language": _("speaks %(values)s"),
        "area": _("works in %(values)s"),
        "mode": _("meets %(values)s"),
        "free": _("free %(values)s"),
    }
    result = []
    for code in ("language", "area", "mode", "free"):
        if code in grouped:
            values = _reason_values(code, grouped[code], area_names)
            shown = ", ".join(v for v in values[: REASON_LIMITS[code]] if v)
            result.append(phrases[code] % {"values": shown})
    if "preference" in grouped:
        result.append(_("matches what you wished for"))
    return tuple(result)


def suggestions_for_request(
    request: SupportRequest, k: int = 3
) -> list[SuggestionView]:
    """The k best peer supporters for this request, with reasons in plain words."""
    supporters = engine_supporters(request.program)
    found = engine.suggest(engine_request(request), supporters, k=k)
    users = User.objects.in_bulk([s.supporter_id for s in found])
    area_names = dict(request.program.areas.values_list("pk", "name"))
    return [
        SuggestionView(
            supporter=users[s.supporter_id],
            reasons=reasons_text(s.reasons, area_names=area_names),
        )
        for s in found
    ]


def matching_run(*, program: Program, by: User) -> dict[str, int]:
    """Propose a peer supporter for every open request that left the choice to us.

    The engine assigns all of them at once, optimally under each supporter's cap
    and spreading work fairly. Requests whose participant wants to choose keep
    their suggestions instead.
    """
    requests = list(
        SupportRequest.objects.filter(
            program=program,
            status=SupportRequest.Status.OPEN,
            chooser=SupportRequest.Chooser.COORDINATOR,
        ).prefetch_related("excluded")
    )
    result = engine.assign(
        [engine_request(r) for r in requests], engine_supporters(program)
    )
    by_id = {r.pk: r for r in requests}
    users = User.objects.in_bulk(list(result.assignments.values()))
    for request_id, supporter_id in result.assignments.items():
        support_request_choose(
            request=by_id[request_id],
            supporter=users[supporter_id],
            by=by,
            suggested_ids=[supporter_id],
        )
    return {"proposed": len(result.assignments), "left": len(result.unassigned)}
