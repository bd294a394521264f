from datetime import date, timedelta

import time_machine

from kamrat.reports.selectors import report_build, report_counts
from kamrat.supervision.models import Kind
from kamrat.support.models import Meeting
from kamrat.training.models import Enrolment

from .base import FIRST, LAST, ReportTestCase, local


class CountsTestCase(ReportTestCase):
    def counts(self, program=None) -> dict[str, int]:
        return report_counts(program=program or self.program, start=FIRST, end=LAST)

    def test_applications_count_from_midnight_to_midnight_in_the_programmes_zone(
        self,
    ) -> None:
        self.application(local(FIRST, 0, 30))  # 23:30 UTC the day before
        self.application(local(LAST, 23, 30))  # summer time: 21:30 UTC
        self.application(local(FIRST - timedelta(days=1), 23, 30))
        self.application(local(LAST + timedelta(days=1), 0, 30))
        self.application(local(FIRST, 12), program=self.other)
        self.assertEqual(self.counts()["applicants"], 2)
        self.assertEqual(self.counts(self.other)["applicants"], 1)

    def test_trained_counts_people_who_completed_a_cohort_ending_in_the_period(
        self,
    ) -> None:
        ending = self.cohort(LAST)
        self.enrol(ending)
        self.enrol(ending)
        self.enrol(ending, status=Enrolment.Status.NOT_COMPLETED)
        self.enrol(ending, status=Enrolment.Status.WITHDRAWN)
        self.enrol(ending, status=Enrolment.Status.ENROLLED)
        self.enrol(self.cohort(LAST + timedelta(days=1)))
        self.enrol(self.cohort(FIRST - timedelta(days=1)))
        self.enrol(self.cohort(FIRST, program=self.other))
        # Completing two cohorts in the period is still one person trained.
        twice = self.person()
        self.enrol(self.cohort(FIRST), user=twice)
        self.enrol(self.cohort(date(2025, 2, 1)), user=twice)
        self.assertEqual(self.counts()["trained"], 3)

    def test_certified_counts_certificates_of_the_period_not_revoked(self) -> None:
        self.certificate(FIRST)
        self.certificate(LAST)
        self.certificate(date(2025, 2, 14), revoked=True)
        self.certificate(LAST + timedelta(days=1))
        self.certificate(FIRST, program=self.other)
        self.assertEqual(self.counts()["certified"], 2)

    def test_placed_counts_each_peer_supporter_once(self) -> None:
        sam_again = self.person()
        self.placement(FIRST, supporter=sam_again)
        self.placement(LAST, supporter=sam_again)
        self.placement(date(2025, 2, 1))
        self.placement(FIRST - timedelta(days=1))
        self.placement(FIRST, program=self.other)
        self.assertEqual(self.counts()["placed"], 2)

    def test_participants_supported_at_any_time_in_the_period(self) -> None:
        before, after = FIRST - timedelta(days=40), LAST + timedelta(days=5)
        # In: ongoing from before; ended in the period; started on the last day.
        self.pairing(local(before))
        self.pairing(local(before), ended_at=local(FIRST, 0, 10))
        self.pairing(local(LAST, 23, 50))
        # One person with two contacts in the period counts once.
        twice = self.person(role="participant")
        self.pairing(local(before), ended_at=local(date(2025, 2, 1)), participant=twice)
        self.pairing(local(date(2025, 2, 2)), participant=twice)
        # Anonymised contacts count one each.
        self.pairing(local(before), anonymised=True)
        self.pairing(local(date(2025, 3, 1)), anonymised=True)
        # Out: ended just before, started after, never started, other programme.
        self.pairing(local(before), ended_at=local(FIRST - timedelta(days=1), 23, 50))
        self.pairing(local(after))
        self.pairing(None)
        self.pairing(local(before), program=self.other)
        counts = self.counts()
        self.assertEqual(counts["participants"], 6)
        self.assertEqual(counts["supporters"], 7)

    def test_meetings_by_way_of_meeting_and_by_what_happened(self) -> None:
        pairing = self.pairing(local(FIRST - timedelta(days=30)))
        self.meetings(pairing, local(FIRST, 0, 30), mode="walk", n=1)
        self.meetings(pairing, local(date(2025, 2, 3), 8), mode="video", n=6)
        self.meetings(pairing, local(LAST, 23), mode="fika")
        self.meetings(pairing, local(FIRST, 9), status=Meeting.Status.CANCELLED, n=2)
        self.meetings(pairing, local(FIRST, 15), status=Meeting.Status.NO_SHOW)
        self.meetings(pairing, local(LAST, 8), status=Meeting.Status.SCHEDULED)
        # Outside the period, or another programme's.
        self.meetings(pairing, local(LAST + timedelta(days=1), 0, 30), mode="walk")
        self.meetings(pairing, local(FIRST - timedelta(days=1), 23), mode="walk")
        other = self.pairing(local(FIRST), program=self.other)
        self.meetings(other, local(FIRST, 10), mode="walk", n=3)
        counts = self.counts()
        self.assertEqual(
            {k: v for k, v in counts.items() if k.startswith("mode.") and v},
            {"mode.walk": 1, "mode.video": 6, "mode.fika": 1},
        )
        self.assertEqual(counts["mode.ward"], 0)
        self.assertEqual(counts["meetings.kept"], 8)
        self.assertEqual(counts["meetings.cancelled"], 2)
        self.assertEqual(counts["meetings.no_show"], 1)
        self.assertEqual(counts["meetings.scheduled"], 1)
        self.assertEqual(counts["meetings.all"], 12)

    def test_supervision_held_is_not_cancelled_and_not_ahead(self) -> None:
        self.supervision(local(FIRST, 9), attendance=("attended", "attended", "absent"))
        self.supervision(
            local(LAST, 22), kind=Kind.INDIVIDUAL, attendance=("attended",)
        )
        self.supervision(
            local(date(2025, 2, 1)), cancelled=True, attendance=("attended",)
        )
        self.supervision(local(date(2025, 2, 2)), attendance=("",))
        self.supervision(local(FIRST - timedelta(days=1), 23), attendance=("attended",))
        self.supervision(local(FIRST), program=self.other, attendance=("attended",))
        with time_machine.travel(local(date(2025, 2, 10)), tick=False):
            early = self.counts()
        with time_machine.travel(local(date(2025, 6, 1)), tick=False):
            later = self.counts()
        self.assertEqual(
            (later["supervision.group"], later["supervision.individual"]), (2, 1)
        )
        self.assertEqual(later["supervision.all"], 3)
        self.assertEqual(
            (later["attended.group"], later["attended.individual"]), (2, 1)
        )
        self.assertEqual(later["attended.all"], 3)
        # Halfway through the quarter, the session on its last day is still ahead.
        self.assertEqual(early["supervision.individual"], 0)
        self.assertEqual(early["attended.all"], 2)

    def test_it_reads_with_one_query_per_kind_of_record(self) -> None:
        pairing = self.pairing(local(FIRST))
        self.meetings(pairing, local(FIRST, 8), n=4)
        self.supervision(local(FIRST, 9), attendance=("attended",))
        with self.assertNumQueries(8):
            report_build(program=self.program, start=FIRST, end=LAST)
        self.meetings(pairing, local(date(2025, 2, 1), 8), mode="video", n=5)
        self.enrol(self.cohort(LAST))
        with self.assertNumQueries(8):
            report_build(program=self.program, start=FIRST, end=LAST)


class BuildTestCase(ReportTestCase):
    def test_small_counts_are_hidden_and_the_rest_shown(self) -> None:
        for _n in range(6):
            self.application(local(FIRST, 10))
        pairing = self.pairing(local(FIRST - timedelta(days=3)))
        self.meetings(pairing, local(FIRST, 8), mode="walk", n=7)
        self.meetings(pairing, local(date(2025, 2, 1), 8), mode="video", n=6)
        self.meetings(pairing, local(date(2025, 2, 2), 8), mode="fika", n=2)
        self.meetings(pairing, local(FIRST, 9), status=Meeting.Status.CANCELLED, n=9)
        report = report_build(program=self.program, start=FIRST, end=LAST)
        self.assertEqual((report.start, report.end), (FIRST, LAST))
        self.assertEqual(report.program_name, "Harbour Peer Support")
        sections = {s.key: s for s in report.sections}
        pipeline = {row.key: row for row in sections["pipeline"].rows}
        self.assertEqual(pipeline["applicants"].count, 6)
        self.assertEqual(pipeline["trained"].count, 0)  # about no one: shown
        modes = {row.key: row.count for row in sections["modes"].rows}
        self.assertEqual(modes["mode.walk"], 7)
        # Fika (2) is small; video is hidden too, or 15 - 7 - 6 would tell it.
        self.assertIsNone(modes["mode.fika"])
        self.assertIsNone(modes["mode.video"])
        self.assertEqual(sections["modes"].total.count, 15)
        outcomes = {row.key: row for row in sections["outcomes"].rows}
        self.assertEqual(outcomes["meetings.kept"].count, 15)
        self.assertEqual(outcomes["meetings.cancelled"].count, 9)
        self.assertEqual(outcomes["meetings.no_show"].count, 0)
        self.assertEqual(sections["outcomes"].total.count, 24)
        self.assertEqual(sections["supervision"].total.count, 0)
        for section in report.sections:
            self.assertTrue(str(section.title))
            self.assertTrue(str(section.description))
