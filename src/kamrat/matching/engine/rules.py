"""The rules for one participant and one peer supporter, and `suggest`.

`assign` reaches the same answers through an index (see `candidates.py`);
these plain versions are the definition, and the tests hold both to it.
"""

from __future__ import annotations

from collections.abc import Iterable

from .types import (
    MODES,
    REMOTE_MODES,
    Reason,
    Request,
    Suggestion,
    Supporter,
    Weights,
)

DEFAULT_WEIGHTS = Weights()


def usable_modes(request: Request, supporter: Supporter) -> frozenset[str]:
    """Meeting forms both accept and that can really happen between them.

    In-person forms only count where the supporter works in the participant's
    area; a request without an area can meet in person anywhere.
    """
    shared = request.modes & supporter.modes
    if request.area_id is None or request.area_id in supporter.area_ids:
        return shared
    return shared & REMOTE_MODES


def is_feasible(request: Request, supporter: Supporter) -> bool:
    """Whether the pair meets every hard rule, with room for one more participant."""
    return (
        request.program_id == supporter.program_id
        and supporter.free_places > 0
        and supporter.id not in request.excluded_supporter_ids
        and not request.languages.isdisjoint(supporter.languages)
        and not request.availability.isdisjoint(supporter.availability)
        and bool(usable_modes(request, supporter))
    )


def supporter_traits(supporter: Supporter) -> frozenset[str]:
    """Everything a preference can ask for: attributes plus derived traits."""
    return (
        supporter.attributes
        | {f"mode:{mode}" for mode in supporter.modes}
        | {f"language:{language}" for language in supporter.languages}
        | {f"area:{area_id}" for area_id in supporter.area_ids}
    )


def pair_cost(
    request: Request, supporter: Supporter, weights: Weights = DEFAULT_WEIGHTS
) -> int:
    """What the soft wishes cost for this pair, before fairness; lower is better."""
    traits = supporter_traits(supporter)
    unmet = sum(p.weight for p in request.preferences if p.trait not in traits)
    overlap = len(request.availability & supporter.availability)
    short = max(0, weights.slot_target - overlap)
    missing = sum(1 for t in request.topics if f"topic:{t}" not in traits)
    return unmet + weights.slot * short + weights.topic * missing


def fairness_cost(caseload: int, weights: Weights = DEFAULT_WEIGHTS) -> int:
    """What taking a participant as their `caseload`-th active one costs a supporter.

    It grows with every participant, so the total is convex in the caseload
    and spreading participants over equal supporters is always cheaper.
    """
    return weights.fairness * (caseload - 1)


def reasons(request: Request, supporter: Supporter) -> tuple[Reason, ...]:
    """Why this supporter fits, in the order a sentence would give them."""
    traits = supporter_traits(supporter)
    found: list[Reason] = []
    shared_languages = sorted(request.languages & supporter.languages)
    found += [Reason("language", code) for code in shared_languages]
    if request.area_id is not None and request.area_id in supporter.area_ids:
        found.append(Reason("area", request.area_id))
    found += [Reason("mode", m) for m in _mode_order(usable_modes(request, supporter))]
    found += [
        Reason("free", slot)
        for slot in sorted(request.availability & supporter.availability)
    ]
    found += [
        Reason("topic", t) for t in sorted(request.topics) if f"topic:{t}" in traits
    ]
    found += [
        Reason("preference", p.trait)
        for p in sorted(request.preferences, key=lambda p: (-p.weight, p.trait))
        if p.trait in traits
    ]
    return tuple(found)


def _mode_order(modes: Iterable[str]) -> list[str]:
    """Known forms in their usual order, then any others alphabetically."""
    rank = {mode: i for i, mode in enumerate(MODES)}
    return sorted(modes, key=lambda m: (rank.get(m, len(rank)), m))


def suggest(
    request: Request,
    supporters: Iterable[Supporter],
    k: int = 3,
    weights: Weights = DEFAULT_WEIGHTS,
) -> tuple[Suggestion, ...]:
    """The k best feasible supporters for one request, best first.

    A supporter's cost is the pair cost plus the fairness cost of the
    participant they would take next, so a busy supporter ranks below an
    equally good one with room. Ties go to the lower supporter id, so the same
    data always gives the same list.
    """
    if k <= 0:
        return ()
    ranked = sorted(
        (
            (pair_cost(request, s, weights) + fairness_cost(s.load + 1, weights), s)
            for s in supporters
            if is_feasible(request, s)
        ),
        key=lambda pair: (pair[0], pair[1].id),
    )
    return tuple(
        Suggestion(supporter_id=s.id, cost=cost, reasons=reasons(request, s))
        for cost, s in ranked[:k]
    )
