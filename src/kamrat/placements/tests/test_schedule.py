"""The event timetable: exact small cases and properties on random pairs.

No database: the engine is plain Python. The rules are checked here directly,
not through the engine's own helpers.
"""

import os
import subprocess
import sys
from collections import Counter
from random import Random
from unittest import TestCase

from hypothesis import given, settings
from hypothesis import strategies as st

from kamrat.placements.schedule import schedule, slots_needed

PROPERTIES = settings(max_examples=150, deadline=None, derandomize=True, database=None)

pair_lists = st.lists(
    st.tuples(st.integers(1, 7), st.integers(1, 6)), min_size=0, max_size=30
)


def widest(pairs) -> int:
    """Independently: the most pairs any one supporter or offer is in."""
    unique = set(pairs)
    counts = Counter(s for s, _o in unique) + Counter(("o", o) for _s, o in unique)
    return max(counts.values(), default=0)


def clashes(result: dict) -> list:
    seen: dict = {}
    found = []
    for (supporter, offer), slot in result.items():
        for who in (("s", supporter), ("o", offer)):
            if (who, slot) in seen:
                found.append((who, slot))
            seen[who, slot] = True
    return found


class ExactCasesTestCase(TestCase):
    def test_nothing_mutual_needs_no_slots(self) -> None:
        self.assertEqual(schedule([]), {})
        self.assertEqual(slots_needed([]), 0)

    def test_one_supporter_meets_each_offer_in_turn(self) -> None:
        result = schedule([(1, 10), (1, 11), (1, 12)])
        self.assertEqual(sorted(result.values()), [0, 1, 2])

    def test_one_offer_meets_each_supporter_in_turn(self) -> None:
        result = schedule([(1, 10), (2, 10), (3, 10)])
        self.assertEqual(sorted(result.values()), [0, 1, 2])

    def test_separate_pairs_all_meet_in_the_first_slot(self) -> None:
        self.assertEqual(
            schedule([(1, 10), (2, 11), (3, 12)]),
            {(1, 10): 0, (2, 11): 0, (3, 12): 0},
        )

    def test_a_repeated_pair_is_one_meeting(self) -> None:
        self.assertEqual(schedule([(1, 10), (1, 10)]), {(1, 10): 0})

    def test_a_complete_square_needs_two_slots_not_three(self) -> None:
        # In sorted order supporter 1 meets offer 10 in slot 0 and offer 11 in
        # slot 1. Supporter 2's first free slot, 0, is taken at offer 10, so
        # slots 0 and 1 swap along supporter 1's meetings and 0 is free again.
        pairs = [(1, 10), (2, 11), (1, 11), (2, 10)]
        self.assertEqual(
            schedule(pairs), {(1, 10): 1, (1, 11): 0, (2, 10): 0, (2, 11): 1}
        )

    def test_three_by_three_with_seven_pairs_needs_three_slots(self) -> None:
        pairs = [(1, 10), (1, 12), (2, 10), (2, 11), (3, 10), (3, 11), (3, 12)]
        result = schedule(pairs)
        self.assertEqual(slots_needed(pairs), 3)
        self.assertEqual(set(result.values()), {0, 1, 2})
        self.assertEqual(set(result), set(pairs))
        self.assertEqual(clashes(result), [])

    def test_the_same_ids_on_both_sides_do_not_clash(self) -> None:
        # Supporter 1 and offer 1 are different people.
        result = schedule([(1, 1), (1, 2), (2, 1)])
        self.assertEqual(max(result.values()), 1)
        self.assertEqual(clashes(result), [])


class PurityTestCase(TestCase):
    def test_the_engine_imports_without_django(self) -> None:
        code = "import sys, kamrat.placements.schedule; print('django' in sys.modules)"
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        )
        self.assertEqual(out.stdout.strip(), "False")


class SchedulePropertyTestCase(TestCase):
    @PROPERTIES
    @given(pair_lists)
    def test_every_pair_gets_exactly_one_slot(self, pairs) -> None:
        result = schedule(pairs)
        self.assertEqual(set(result), set(pairs))
        self.assertTrue(all(isinstance(slot, int) for slot in result.values()))

    @PROPERTIES
    @given(pair_lists)
    def test_nobody_is_double_booked(self, pairs) -> None:
        self.assertEqual(clashes(schedule(pairs)), [])

    @PROPERTIES
    @given(pair_lists)
    def test_the_slots_are_as_few_as_possible(self, pairs) -> None:
        result = schedule(pairs)
        used = set(result.values())
        self.assertEqual(slots_needed(pairs), widest(pairs))
        self.assertEqual(len(used), widest(pairs))
        self.assertEqual(used, set(range(widest(pairs))))

    @settings(max_examples=60, deadline=None, derandomize=True, database=None)
    @given(pair_lists, st.integers(0, 2**32))
    def test_the_order_of_the_input_does_not_matter(self, pairs, seed) -> None:
        shuffled = list(pairs)
        Random(seed).shuffle(shuffled)
        self.assertEqual(schedule(shuffled), schedule(pairs))
