from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from kamrat.reports.selectors import report_sums
from kamrat.reports.suppress import Sum, hidden_keys

MODES = Sum(total="kept", parts=("walk", "video", "fika"))
OUTCOMES = Sum(total="all", parts=("kept", "cancelled", "planned"))


def consistent(counts: dict[str, int], sums: list[Sum]) -> dict[str, int]:
    """Fill in every total from its parts, innermost sums first."""
    filled = dict(counts)
    for rule in sums:
        filled[rule.total] = sum(filled[p] for p in rule.parts)
    return filled


class SuppressTestCase(SimpleTestCase):
    def test_counts_from_1_to_4_are_hidden_and_0_and_5_are_shown(self) -> None:
        hidden = hidden_keys({"a": 0, "b": 4, "c": 5, "d": 120, "e": 1}, [])
        self.assertEqual(hidden.small, {"b", "e"})
        self.assertEqual(hidden.protecting, set())

    def test_one_small_part_beside_a_shown_total_hides_the_next_smallest(
        self,
    ) -> None:
        hidden = hidden_keys({"walk": 3, "video": 6, "fika": 9, "kept": 18}, [MODES])
        self.assertEqual(hidden.small, {"walk"})
        self.assertEqual(hidden.protecting, {"video"})
        self.assertNotIn("kept", hidden)

    def test_small_parts_that_add_up_to_under_5_get_company(self) -> None:
        hidden = hidden_keys({"walk": 1, "video": 2, "fika": 20, "kept": 23}, [MODES])
        self.assertEqual(hidden.protecting, {"fika"})

    def test_two_small_parts_that_add_up_to_5_need_no_more(self) -> None:
        hidden = hidden_keys({"walk": 2, "video": 3, "fika": 20, "kept": 25}, [MODES])
        self.assertEqual(hidden.small, {"walk", "video"})
        self.assertEqual(hidden.protecting, set())

    def test_a_hidden_total_with_every_part_shown_hides_a_part(self) -> None:
        counts = {"walk": 6, "video": 7, "fika": 9, "kept": 22}
        counts.update({"cancelled": 2, "planned": 30, "all": 54})
        hidden = hidden_keys(counts, [MODES, OUTCOMES])
        # "cancelled" is small, so "kept" protects it in OUTCOMES; then the ways
        # of meeting would add up to "kept", so the smallest of them goes too.
        self.assertEqual(hidden.protecting, {"kept", "walk"})

    def test_an_unused_way_of_meeting_shows_0_and_hides_nothing_else(self) -> None:
        hidden = hidden_keys({"walk": 0, "video": 7, "fika": 9, "kept": 16}, [MODES])
        self.assertEqual((hidden.small, hidden.protecting), (set(), set()))

    def test_protection_takes_a_part_with_people_before_a_zero(self) -> None:
        counts = {"walk": 3, "video": 0, "fika": 9, "kept": 12}
        hidden = hidden_keys(counts, [MODES])
        self.assertEqual(hidden.protecting, {"fika"})

    def test_nothing_is_hidden_when_every_count_is_large(self) -> None:
        counts = {"walk": 6, "video": 7, "fika": 9, "kept": 22}
        self.assertEqual(set(hidden_keys(counts, [MODES]).protecting), set())
        self.assertNotIn("walk", hidden_keys(counts, [MODES]))

    @settings(max_examples=300, derandomize=True, database=None, deadline=None)
    @given(st.lists(st.integers(min_value=0, max_value=40), min_size=40, max_size=40))
    def test_no_hidden_count_can_be_worked_out_by_subtraction(self, values) -> None:
        sums = report_sums()
        keys = sorted({k for rule in sums for k in (rule.total, *rule.parts)})
        totals = {rule.total for rule in sums}
        # The "kept" total of the ways of meeting is also a part of the outcomes,
        # so it is filled in before them.
        ordered = sorted(sums, key=lambda rule: rule.total != "meetings.kept")
        parts = {k: v for k, v in zip(keys, values, strict=False) if k not in totals}
        counts = consistent(parts, ordered)
        hidden = hidden_keys(counts, sums)
        for key, count in counts.items():
            if 0 < count < 5:
                self.assertIn(key, hidden.small)
            else:
                self.assertNotIn(key, hidden.small)
        for rule in sums:
            hidden_parts = [p for p in rule.parts if p in hidden]
            if rule.total in hidden:
                self.assertTrue(hidden_parts, rule)
            elif hidden_parts:
                self.assertGreaterEqual(len(hidden_parts), 2, rule)
                self.assertGreaterEqual(sum(counts[p] for p in hidden_parts), 5)
