"""Matching a whole queue of requests to peer supporters at once."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from types import MappingProxyType

from .candidates import supporter_lists
from .flow import max_flow_min_cost
from .rules import DEFAULT_WEIGHTS, fairness_cost
from .types import AssignmentResult, Request, Supporter, Weights


def _class_key(request: Request) -> tuple[object, ...]:
    """Everything but the id: requests with equal keys have equal cost rows."""
    return (
        request.program_id,
        request.languages,
        request.area_id,
        request.modes,
        request.availability,
        request.excluded_supporter_ids,
        request.preferences,
        request.topics,
    )


def penalty_for(
    requests: Iterable[Request],
    supporters: Iterable[Supporter],
    weights: Weights = DEFAULT_WEIGHTS,
) -> int:
    """A cost for leaving one request unassigned that beats any whole assignment.

    It bounds every request's dearest possible pair and every free place's
    fairness cost, so one more assigned request always outweighs any saving.
    """
    requests = list(requests)
    pairs = sum(
        sum(p.weight for p in r.preferences)
        + weights.slot * weights.slot_target
        + weights.topic * len(r.topics)
        for r in requests
    )
    places = sum(
        fairness_cost(s.load + j, weights)
        for s in supporters
        for j in range(1, min(s.free_places, len(requests)) + 1)
    )
    return pairs + places + 1


def assign(
    requests: Iterable[Request],
    supporters: Iterable[Supporter],
    weights: Weights = DEFAULT_WEIGHTS,
) -> AssignmentResult:
    """Give as many requests as possible a supporter, at the least total cost.

    Optimal, not greedy: first the number of assigned requests is maximised,
    then the sum of pair costs and fairness costs is minimised, within every
    hard rule and every supporter's free places. Identical requests are
    solved as one class. The result depends only on the data, not on the
    order it came in: both lists are taken in id order.

    Raises ValueError if two requests or two supporters share an id.
    """
    request_list = sorted(requests, key=lambda r: r.id)
    supporter_list = sorted(supporters, key=lambda s: s.id)
    _check_unique(request_list, "request")
    _check_unique(supporter_list, "supporter")
    penalty = penalty_for(request_list, supporter_list, weights)

    # Building and solving allocate millions of small objects and no cycles;
    # the cyclic collector would only rescan them over and over.
    collecting = gc.isenabled()
    gc.disable()
    try:
        class_of: dict[tuple[object, ...], int] = {}
        members: list[list[Request]] = []
        for request in request_list:
            key = _class_key(request)
            index = class_of.get(key)
            if index is None:
                class_of[key] = len(members)
                members.append([request])
            else:
                members[index].append(request)
        targets, costs = supporter_lists(
            [group[0] for group in members], supporter_list, weights
        )
        # Nobody can take more new participants than there are requests.
        most = len(request_list)
        marginals = [
            [
                fairness_cost(s.load + j, weights)
                for j in range(1, min(s.free_places, most) + 1)
            ]
            for s in supporter_list
        ]
        owners = max_flow_min_cost(
            marginals, [len(group) for group in members], targets, costs
        )
    finally:
        if collecting:
            gc.enable()

    assignments: dict[int, int] = {}
    unassigned: list[int] = []
    total = 0
    taken = [0] * len(supporter_list)
    for group, owned in zip(members, owners, strict=True):
        waiting = iter(group)
        for s in sorted(owned):
            units, cost = owned[s]
            total += units * cost
            taken[s] += units
            for _ in range(units):
                assignments[next(waiting).id] = supporter_list[s].id
        unassigned.extend(r.id for r in waiting)
    for s, count in enumerate(taken):
        total += sum(marginals[s][:count])
    unassigned.sort()
    return AssignmentResult(
        assignments=MappingProxyType(dict(sorted(assignments.items()))),
        unassigned=tuple(unassigned),
        total_cost=total,
        penalty=penalty,
    )


def _check_unique(items: list[Request] | list[Supporter], what: str) -> None:
    for before, after in zip(items, items[1:], strict=False):
        if before.id == after.id:
            raise ValueError(f"two {what}s share the id {after.id}")
