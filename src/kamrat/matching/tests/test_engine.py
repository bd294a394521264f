"""The matching engine: hard rules, reasons, ranking, fairness and assignment.

Plain unit tests with no database: the engine is pure Python.
"""

import os
import subprocess
import sys
from itertools import count
from unittest import TestCase

from kamrat.matching.engine import (
    AssignmentResult,
    Preference,
    Reason,
    Request,
    Supporter,
    Weights,
    assign,
    fairness_cost,
    is_feasible,
    pair_cost,
    penalty_for,
    reasons,
    suggest,
)

_ids = count(1)


def make_request(**overrides: object) -> Request:
    """A request that every `make_supporter()` can take, unless overridden."""
    fields: dict[str, object] = {
        "id": next(_ids),
        "program_id": 1,
        "languages": frozenset({"sv"}),
        "area_id": 1,
        "modes": frozenset({"walk"}),
        "availability": frozenset({0, 1, 2}),
    }
    fields.update(overrides)
    return Request(**fields)  # type: ignore[arg-type]


def make_supporter(**overrides: object) -> Supporter:
    """A supporter with room who fits every `make_request()`, unless overridden."""
    fields: dict[str, object] = {
        "id": next(_ids),
        "program_id": 1,
        "languages": frozenset({"sv"}),
        "area_ids": frozenset({1}),
        "modes": frozenset({"walk"}),
        "availability": frozenset({0, 1, 2}),
        "capacity": 3,
    }
    fields.update(overrides)
    return Supporter(**fields)  # type: ignore[arg-type]


class PurityTestCase(TestCase):
    def test_engine_imports_without_django(self) -> None:
        code = "import sys, kamrat.matching.engine; print('django' in sys.modules)"
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        )
        self.assertEqual(out.stdout.strip(), "False")

    def test_assignment_is_the_same_whatever_the_hash_seed(self) -> None:
        # Sets of strings iterate in a different order under each hash seed;
        # the result must not depend on it.
        code = (
            "from kamrat.matching.tests.test_engine import busy_region;"
            "from kamrat.matching.engine import assign;"
            "r = assign(*busy_region());"
            "print(sorted(r.assignments.items()), r.unassigned, r.total_cost)"
        )
        outputs = set()
        for seed in ("1", "2", "3"):
            env = dict(os.environ, PYTHONHASHSEED=seed)
            env.pop("DJANGO_SETTINGS_MODULE", None)
            out = subprocess.run(
                [sys.executable, "-c", code],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            )
            outputs.add(out.stdout)
        self.assertEqual(len(outputs), 1)


def busy_region() -> tuple[list[Request], list[Supporter]]:
    """More requests than places, with many ties: a test of tie-breaking."""
    supporters = [
        Supporter(
            id=100 + i,
            program_id=1,
            languages=frozenset({"sv", "en"} if i % 2 else {"sv"}),
            area_ids=frozenset({i % 3}),
            modes=frozenset({"walk", "video"} if i % 3 else {"fika", "clinic"}),
            availability=frozenset({i % 4, (i + 1) % 4, 5}),
            capacity=2 + i % 3,
            load=i % 2,
            attributes=frozenset({f"topic:t{i % 4}", f"gender:g{i % 2}"}),
        )
        for i in range(12)
    ]
    requests = [
        Request(
            id=i,
            program_id=1,
            languages=frozenset({"en"} if i % 5 == 0 else {"sv"}),
            area_id=i % 3 if i % 4 else None,
            modes=frozenset({"walk"} if i % 2 else {"fika", "video"}),
            availability=frozenset({i % 6, (i * 7) % 6}),
            preferences=(Preference(f"gender:g{i % 2}", i % 3),),
            topics=frozenset({f"t{i % 4}", f"t{(i + 1) % 4}"}),
        )
        for i in range(40)
    ]
    return requests, supporters


class HardRuleTestCase(TestCase):
    """Each hard rule alone makes a pair impossible, in suggest and in assign."""

    def assert_never_matched(self, request: Request, supporter: Supporter) -> None:
        self.assertFalse(is_feasible(request, supporter))
        self.assertEqual(suggest(request, [supporter]), ())
        result = assign([request], [supporter])
        self.assertEqual(dict(result.assignments), {})
        self.assertEqual(result.unassigned, (request.id,))

    def test_the_builders_make_a_possible_pair(self) -> None:
        request, supporter = make_request(), make_supporter()
        self.assertTrue(is_feasible(request, supporter))
        self.assertEqual(
            dict(assign([request], [supporter]).assignments), {request.id: supporter.id}
        )

    def test_other_programme_is_never_matched(self) -> None:
        self.assert_never_matched(make_request(program_id=2), make_supporter())

    def test_no_shared_language_is_never_matched(self) -> None:
        self.assert_never_matched(
            make_request(languages=frozenset({"da"})),
            make_supporter(languages=frozenset({"sv", "en"})),
        )

    def test_no_shared_free_slot_is_never_matched(self) -> None:
        self.assert_never_matched(
            make_request(availability=frozenset({7, 8})),
            make_supporter(availability=frozenset({0, 1, 9})),
        )

    def test_no_shared_meeting_form_is_never_matched(self) -> None:
        self.assert_never_matched(
            make_request(modes=frozenset({"fika", "video"})),
            make_supporter(modes=frozenset({"walk", "ward"})),
        )

    def test_in_person_only_needs_the_same_area(self) -> None:
        self.assert_never_matched(
            make_request(area_id=2, modes=frozenset({"walk", "clinic"})),
            make_supporter(area_ids=frozenset({1, 3}), modes=frozenset({"walk"})),
        )

    def test_video_needs_no_shared_area(self) -> None:
        request = make_request(area_id=2, modes=frozenset({"walk", "video"}))
        supporter = make_supporter(
            area_ids=frozenset({1}), modes=frozenset({"walk", "video"})
        )
        self.assertTrue(is_feasible(request, supporter))
        (suggestion,) = suggest(request, [supporter])
        # Only video can happen between them, so only video is a reason.
        modes = [r.value for r in suggestion.reasons if r.code == "mode"]
        self.assertEqual(modes, ["video"])

    def test_request_without_area_meets_in_person_anywhere(self) -> None:
        request = make_request(area_id=None)
        supporter = make_supporter(area_ids=frozenset({9}))
        self.assertTrue(is_feasible(request, supporter))
        self.assertEqual(len(assign([request], [supporter]).assignments), 1)

    def test_full_supporter_is_never_matched(self) -> None:
        self.assert_never_matched(make_request(), make_supporter(capacity=2, load=2))

    def test_supporter_not_accepting_is_never_matched(self) -> None:
        self.assert_never_matched(make_request(), make_supporter(accepting_new=False))

    def test_excluded_supporter_is_never_matched(self) -> None:
        supporter = make_supporter()
        request = make_request(excluded_supporter_ids=frozenset({supporter.id}))
        self.assert_never_matched(request, supporter)

    def test_assign_keeps_to_free_places(self) -> None:
        supporter = make_supporter(capacity=4, load=2)
        requests = [make_request() for _ in range(5)]
        result = assign(requests, [supporter])
        self.assertEqual(len(result.assignments), 2)
        self.assertEqual(len(result.unassigned), 3)


class ReasonTestCase(TestCase):
    def test_reasons_say_what_the_pair_shares_in_a_fixed_order(self) -> None:
        request = make_request(
            languages=frozenset({"sv", "da", "en"}),
            area_id=3,
            modes=frozenset({"walk", "video", "ward"}),
            availability=frozenset({5, 2, 9}),
            preferences=(
                Preference("gender:woman", 2),
                Preference("age:18-29", 4),
                Preference("age:50+", 5),
            ),
            topics=frozenset({"work", "routines", "groups"}),
        )
        supporter = make_supporter(
            languages=frozenset({"da", "en"}),
            area_ids=frozenset({3}),
            modes=frozenset({"video", "walk", "fika"}),
            availability=frozenset({2, 9, 11}),
            attributes=frozenset(
                {"gender:woman", "age:18-29", "topic:work", "topic:groups"}
            ),
        )
        self.assertEqual(
            reasons(request, supporter),
            (
                Reason("language", "da"),
                Reason("language", "en"),
                Reason("area", 3),
                Reason("mode", "video"),
                Reason("mode", "walk"),
                Reason("free", 2),
                Reason("free", 9),
                Reason("topic", "groups"),
                Reason("topic", "work"),
                Reason("preference", "age:18-29"),
                Reason("preference", "gender:woman"),
            ),
        )

    def test_preference_can_ask_for_a_meeting_form(self) -> None:
        request = make_request(
            modes=frozenset({"walk", "fika"}), preferences=(Preference("mode:walk", 3),)
        )
        walker = make_supporter(modes=frozenset({"walk"}))
        sitter = make_supporter(modes=frozenset({"fika"}))
        self.assertIn(Reason("preference", "mode:walk"), reasons(request, walker))
        self.assertNotIn(Reason("preference", "mode:walk"), reasons(request, sitter))
        self.assertEqual(pair_cost(request, walker) + 3, pair_cost(request, sitter))


class CostTestCase(TestCase):
    def test_pair_cost_adds_unmet_wishes_short_slots_and_missing_topics(self) -> None:
        weights = Weights(slot=2, slot_target=3, topic=5, fairness=1)
        request = make_request(
            availability=frozenset({0, 1, 2, 3}),
            preferences=(Preference("gender:woman", 4), Preference("age:30-49", 1)),
            topics=frozenset({"work", "talking"}),
        )
        supporter = make_supporter(
            availability=frozenset({1, 7}),
            attributes=frozenset({"age:30-49", "topic:talking"}),
        )
        # gender unmet 4 + two slots short 2*2 + one topic missing 5
        self.assertEqual(pair_cost(request, supporter, weights), 4 + 4 + 5)

    def test_fairness_grows_with_every_participant(self) -> None:
        steps = [fairness_cost(n) for n in range(1, 6)]
        self.assertEqual(steps, sorted(steps))
        self.assertEqual(len(set(steps)), len(steps))
        self.assertEqual(fairness_cost(1), 0)

    def test_penalty_is_dearer_than_any_whole_assignment(self) -> None:
        requests, supporters = busy_region()
        result = assign(requests, supporters)
        self.assertEqual(result.penalty, penalty_for(requests, supporters))
        worst = sum(
            max((pair_cost(r, s) for s in supporters), default=0) for r in requests
        ) + sum(
            fairness_cost(s.load + j)
            for s in supporters
            for j in range(1, s.free_places + 1)
        )
        self.assertGreater(result.penalty, worst)
        self.assertEqual(
            result.objective,
            result.total_cost + result.penalty * len(result.unassigned),
        )


class SuggestTestCase(TestCase):
    def test_best_supporters_come_first(self) -> None:
        request = make_request(preferences=(Preference("gender:woman", 5),))
        plain = make_supporter()
        wished = make_supporter(attributes=frozenset({"gender:woman"}))
        impossible = make_supporter(
            program_id=2, attributes=frozenset({"gender:woman"})
        )
        ranked = suggest(request, [plain, impossible, wished])
        self.assertEqual([s.supporter_id for s in ranked], [wished.id, plain.id])
        self.assertEqual([s.cost for s in ranked], [0, 5])

    def test_ties_go_to_the_lower_id_whatever_the_order(self) -> None:
        request = make_request()
        supporters = [make_supporter(id=i) for i in (907, 903, 905, 901, 909)]
        first = suggest(request, supporters, k=3)
        again = suggest(request, list(reversed(supporters)), k=3)
        self.assertEqual([s.supporter_id for s in first], [901, 903, 905])
        self.assertEqual(first, again)

    def test_k_limits_the_list(self) -> None:
        request = make_request()
        supporters = [make_supporter() for _ in range(5)]
        self.assertEqual(len(suggest(request, supporters, k=2)), 2)
        self.assertEqual(len(suggest(request, supporters, k=9)), 5)
        self.assertEqual(suggest(request, supporters, k=0), ())

    def test_busy_supporter_ranks_below_an_equal_one_with_fewer_participants(
        self,
    ) -> None:
        request = make_request()
        busy = make_supporter(id=1, load=2, capacity=5)
        idle = make_supporter(id=2, load=0, capacity=5)
        ranked = suggest(request, [busy, idle])
        self.assertEqual([s.supporter_id for s in ranked], [idle.id, busy.id])


class AssignTestCase(TestCase):
    def test_two_equal_supporters_take_one_request_each(self) -> None:
        first = make_supporter(capacity=3)
        second = make_supporter(capacity=3)
        requests = [make_request(), make_request()]
        result = assign(requests, [first, second])
        self.assertEqual(
            sorted(result.assignments.values()), sorted([first.id, second.id])
        )
        self.assertEqual(result.total_cost, 0)

    def test_equal_supporters_share_out_a_queue_evenly(self) -> None:
        supporters = [make_supporter(capacity=8, load=load) for load in (0, 1, 2)]
        requests = [make_request() for _ in range(6)]
        result = assign(requests, supporters)
        caseloads = sorted(
            s.load + list(result.assignments.values()).count(s.id) for s in supporters
        )
        self.assertEqual(caseloads, [3, 3, 3])

    def test_more_requests_assigned_beats_a_cheaper_pair(self) -> None:
        near = make_supporter(capacity=1, attributes=frozenset({"topic:work"}))
        far = make_supporter(capacity=1)
        anna = make_request(topics=frozenset({"work"}))  # near is cheaper for her
        bo = make_request(excluded_supporter_ids=frozenset({far.id}))  # near only
        result = assign([anna, bo], [near, far])
        self.assertEqual(dict(result.assignments), {anna.id: far.id, bo.id: near.id})
        self.assertEqual(result.unassigned, ())
        self.assertEqual(result.total_cost, Weights().topic)

    def test_identical_requests_are_assigned_one_by_one(self) -> None:
        supporters = [make_supporter(id=50 + i, capacity=1) for i in range(3)]
        requests = [make_request(id=10 + i) for i in range(5)]
        result = assign(requests, supporters)
        self.assertEqual(len(result.assignments), 3)
        self.assertEqual(sorted(result.assignments.values()), [50, 51, 52])
        self.assertEqual(len(result.unassigned), 2)
        self.assertEqual(
            set(result.assignments) | set(result.unassigned), {10, 11, 12, 13, 14}
        )

    def test_result_does_not_depend_on_input_order(self) -> None:
        requests, supporters = busy_region()
        first = assign(requests, supporters)
        again = assign(list(reversed(requests)), supporters[5:] + supporters[:5])
        self.assertEqual(first, again)
        self.assertGreater(len(first.unassigned), 0)
        self.assertGreater(len(first.assignments), 0)

    def test_total_cost_counts_pairs_and_fairness(self) -> None:
        requests, supporters = busy_region()
        result = assign(requests, supporters)
        by_id = {s.id: s for s in supporters}
        given: dict[int, int] = {}
        expected = 0
        for request in requests:
            supporter_id = result.assignments.get(request.id)
            if supporter_id is not None:
                supporter = by_id[supporter_id]
                given[supporter_id] = given.get(supporter_id, 0) + 1
                expected += pair_cost(request, supporter)
                expected += fairness_cost(supporter.load + given[supporter_id])
        self.assertEqual(result.total_cost, expected)

    def test_nothing_to_assign(self) -> None:
        self.assertEqual(assign([], []), AssignmentResult(penalty=1))
        result = assign([make_request(id=4)], [])
        self.assertEqual(result.unassigned, (4,))

    def test_shared_ids_are_refused(self) -> None:
        with self.assertRaises(ValueError):
            assign([make_request(id=1), make_request(id=1)], [make_supporter()])
        with self.assertRaises(ValueError):
            assign([make_request()], [make_supporter(id=2), make_supporter(id=2)])

    def test_negative_numbers_are_refused(self) -> None:
        with self.assertRaises(ValueError):
            Preference("gender:woman", -1)
        with self.assertRaises(ValueError):
            make_supporter(load=-1)
        with self.assertRaises(ValueError):
            Weights(fairness=-2)
