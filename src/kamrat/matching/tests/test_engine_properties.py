"""Properties of the matching engine on random small instances.

The hard rules are checked here one by one, without the engine's own
`is_feasible`, and on instances small enough to try every assignment the
engine's answer is compared with the best one found by brute force.
"""

from itertools import permutations
from unittest import TestCase, mock

from hypothesis import given, settings
from hypothesis import strategies as st

from kamrat.matching.engine import (
    REMOTE_MODES,
    Preference,
    Request,
    Supporter,
    Weights,
    assign,
    fairness_cost,
    is_feasible,
    pair_cost,
    suggest,
)
from kamrat.matching.engine import flow as engine_flow
from kamrat.matching.engine.candidates import supporter_lists

from .test_engine import make_request, make_supporter

LANGUAGES = ("sv", "da", "en")
MODES = ("walk", "video", "clinic")
ATTRIBUTES = ("gender:woman", "gender:man", "age:18-29", "topic:work", "topic:groups")
WISHES = ("gender:woman", "age:18-29", "mode:walk", "language:en", "area:1")
TOPICS = ("work", "groups", "talking")
SLOTS = (0, 1, 2, 3)


def _pick(items: tuple[str, ...] | tuple[int, ...], mask: int) -> frozenset:
    """The items whose bits are set in `mask`: one draw per set keeps it quick."""
    return frozenset(item for i, item in enumerate(items) if mask >> i & 1)


@st.composite
def instances(
    draw: st.DrawFn, max_requests: int, max_supporters: int
) -> tuple[list[Request], list[Supporter], Weights]:
    """Up to `max_requests` requests and `max_supporters` supporters, and weights.

    Small domains (two programmes, three languages, four slots...) so that
    most pairs are possible and the rules decide between them.
    """

    def some(items: tuple, at_least_one: bool = True) -> frozenset:
        return _pick(items, draw(st.integers(int(at_least_one), 2 ** len(items) - 1)))

    def rarely() -> bool:
        # A middle value: Hypothesis draws 0 and the bounds more often.
        return draw(st.integers(0, 10)) == 5

    # Most sets share a first item, so that most pairs are possible and each
    # rule rarely decides alone; then the brute force has work to do.
    def languages() -> frozenset:
        spoken = some(LANGUAGES[1:], at_least_one=False)
        return spoken if rarely() and spoken else spoken | {"sv"}

    def modes() -> frozenset:
        forms = some(MODES[1:], at_least_one=False)
        return forms if rarely() and forms else forms | {MODES[0]}

    def availability() -> frozenset:
        free = some(SLOTS[1:], at_least_one=False)
        return free if rarely() and free else free | {SLOTS[0]}

    supporters = []
    for supporter_id in range(101, 101 + draw(st.integers(1, max_supporters))):
        capacity = 0 if rarely() else draw(st.integers(1, 3))
        supporters.append(
            Supporter(
                id=supporter_id,
                program_id=2 if rarely() else 1,
                languages=languages(),
                area_ids=some((1, 2), at_least_one=False),
                modes=modes(),
                availability=availability(),
                capacity=capacity,
                load=draw(st.integers(0, capacity)) if rarely() else 0,
                accepting_new=not rarely(),
                attributes=some(ATTRIBUTES, at_least_one=False),
            )
        )
    supporter_ids = tuple(range(101, 101 + max_supporters))
    requests = []
    for request_id in range(1, 1 + draw(st.integers(1, max_requests))):
        wishes = draw(st.lists(st.integers(0, 5 * len(WISHES) - 1), max_size=2))
        requests.append(
            Request(
                id=request_id,
                program_id=2 if rarely() else 1,
                languages=languages(),
                area_id=draw(st.sampled_from((None, 1, 2))),
                modes=modes(),
                availability=availability(),
                excluded_supporter_ids=some(supporter_ids, at_least_one=False)
                if rarely()
                else frozenset(),
                preferences=tuple(
                    Preference(WISHES[w % len(WISHES)], w // len(WISHES))
                    for w in wishes
                ),
                topics=some(TOPICS, at_least_one=False),
            )
        )
    weights = Weights(
        slot=draw(st.integers(0, 3)),
        slot_target=draw(st.integers(0, 3)),
        topic=draw(st.integers(0, 3)),
        fairness=draw(st.integers(0, 3)),
    )
    return requests, supporters, weights


def obeys_hard_rules(request: Request, supporter: Supporter) -> bool:
    """The hard rules, restated plainly and independently of the engine."""
    if request.program_id != supporter.program_id:
        return False
    if not supporter.accepting_new or supporter.load >= supporter.capacity:
        return False
    if supporter.id in request.excluded_supporter_ids:
        return False
    if not set(request.languages) & set(supporter.languages):
        return False
    if not set(request.availability) & set(supporter.availability):
        return False
    shared = set(request.modes) & set(supporter.modes)
    if not shared:
        return False
    in_area = request.area_id is None or request.area_id in supporter.area_ids
    return in_area or bool(shared & REMOTE_MODES)


def brute_force(
    requests: list[Request], supporters: list[Supporter], weights: Weights
) -> tuple[int, int]:
    """(unassigned, cost) of the best assignment, trying every one of them."""
    options = [
        [(s, pair_cost(r, s, weights)) for s in supporters if obeys_hard_rules(r, s)]
        for r in requests
    ]
    best = (len(requests) + 1, 0)
    taken: dict[int, int] = {}

    def walk(i: int, unassigned: int, cost: int) -> None:
        nonlocal best
        if i == len(requests):
            best = min(best, (unassigned, cost))
            return
        walk(i + 1, unassigned + 1, cost)
        for supporter, step in options[i]:
            n = taken.get(supporter.id, 0)
            if supporter.load + n + 1 > supporter.capacity:
                continue
            taken[supporter.id] = n + 1
            step += fairness_cost(supporter.load + n + 1, weights)
            walk(i + 1, unassigned, cost + step)
            taken[supporter.id] = n

    walk(0, 0, 0)
    return best


class EnginePropertyTestCase(TestCase):
    @settings(max_examples=100, deadline=None)
    @given(instances(max_requests=6, max_supporters=5))
    def test_suggest_keeps_every_hard_rule_and_ranks_by_cost_then_id(
        self, instance: tuple[list[Request], list[Supporter], Weights]
    ) -> None:
        requests, supporters, weights = instance
        by_id = {s.id: s for s in supporters}
        for request in requests:
            found = suggest(request, supporters, k=3, weights=weights)
            for suggestion in found:
                supporter = by_id[suggestion.supporter_id]
                self.assertTrue(obeys_hard_rules(request, supporter))
                self.assertEqual(
                    suggestion.cost,
                    pair_cost(request, supporter, weights)
                    + fairness_cost(supporter.load + 1, weights),
                )
            keys = [(s.cost, s.supporter_id) for s in found]
            self.assertEqual(keys, sorted(keys))
            possible = sum(obeys_hard_rules(request, s) for s in supporters)
            self.assertEqual(len(found), min(3, possible))

    @settings(max_examples=200, deadline=None)
    @given(instances(max_requests=6, max_supporters=4))
    def test_assign_keeps_every_hard_rule_and_is_optimal(
        self, instance: tuple[list[Request], list[Supporter], Weights]
    ) -> None:
        requests, supporters, weights = instance
        result = assign(requests, supporters, weights)
        by_id = {s.id: s for s in supporters}
        assigned = dict(result.assignments)
        self.assertEqual(
            set(assigned) | set(result.unassigned), {r.id for r in requests}
        )
        self.assertFalse(set(assigned) & set(result.unassigned))
        given_to: dict[int, int] = {}
        cost = 0
        for request in requests:
            if request.id in assigned:
                supporter = by_id[assigned[request.id]]
                self.assertTrue(obeys_hard_rules(request, supporter))
                given_to[supporter.id] = given_to.get(supporter.id, 0) + 1
                cost += pair_cost(request, supporter, weights)
                cost += fairness_cost(supporter.load + given_to[supporter.id], weights)
        for supporter_id, n in given_to.items():
            supporter = by_id[supporter_id]
            self.assertLessEqual(supporter.load + n, supporter.capacity)
        self.assertEqual(result.total_cost, cost)
        self.assertEqual(
            (len(result.unassigned), result.total_cost),
            brute_force(requests, supporters, weights),
        )

    @settings(max_examples=60, deadline=None)
    @given(instances(max_requests=6, max_supporters=4))
    def test_dropping_cut_off_supporters_keeps_assign_optimal(
        self, instance: tuple[list[Request], list[Supporter], Weights]
    ) -> None:
        # Large queues drop supporters that can no longer reach any request;
        # small ones never need to, so force it after every round here.
        requests, supporters, weights = instance
        with mock.patch.object(engine_flow, "PRUNE_RATIO", 0):
            result = assign(requests, supporters, weights)
        self.assertEqual(
            (len(result.unassigned), result.total_cost),
            brute_force(requests, supporters, weights),
        )

    @settings(max_examples=60, deadline=None)
    @given(instances(max_requests=8, max_supporters=6))
    def test_bulk_index_agrees_with_the_rules_pair_by_pair(
        self, instance: tuple[list[Request], list[Supporter], Weights]
    ) -> None:
        requests, supporters, weights = instance
        targets, costs = supporter_lists(requests, supporters, weights)
        for supporter, row, row_costs in zip(supporters, targets, costs, strict=True):
            expected = sorted(
                (pair_cost(r, supporter, weights), i)
                for i, r in enumerate(requests)
                if obeys_hard_rules(r, supporter)
            )
            self.assertEqual(list(zip(row_costs, row, strict=True)), expected)
            for i, request in enumerate(requests):
                self.assertEqual(is_feasible(request, supporter), i in row)

    @settings(max_examples=40, deadline=None)
    @given(instances(max_requests=5, max_supporters=4), st.randoms())
    def test_assign_ignores_the_order_of_its_input(
        self,
        instance: tuple[list[Request], list[Supporter], Weights],
        random: object,
    ) -> None:
        requests, supporters, weights = instance
        shuffled_requests = list(requests)
        shuffled_supporters = list(supporters)
        random.shuffle(shuffled_requests)  # type: ignore[attr-defined]
        random.shuffle(shuffled_supporters)  # type: ignore[attr-defined]
        self.assertEqual(
            assign(requests, supporters, weights),
            assign(shuffled_requests, shuffled_supporters, weights),
        )


class BruteForceTestCase(TestCase):
    """The brute force itself must find what a person finds by hand."""

    def test_it_prefers_more_assigned_over_cheaper(self) -> None:
        near = make_supporter(id=1, capacity=1, attributes=frozenset({"topic:work"}))
        far = make_supporter(id=2, capacity=1)
        anna = make_request(id=1, topics=frozenset({"work"}))  # 3 with far
        bo = make_request(id=2, excluded_supporter_ids=frozenset({2}))
        for order in permutations([anna, bo]):
            found = brute_force(list(order), [near, far], Weights())
            self.assertEqual(found, (0, Weights().topic))
