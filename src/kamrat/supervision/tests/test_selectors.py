from datetime import timedelta

import time_machine

from kamrat.supervision import selectors, services
from kamrat.supervision.models import Kind

from .base import SupervisionTestCase, days_ahead


class StandingsTestCase(SupervisionTestCase):
    def attended(self, session, *people) -> None:
        services.attendance_record(
            session=session, attendance={p.pk: "attended" for p in people}
        )

    def standing_of(self, person):
        return next(
            s
            for s in selectors.standings(program=self.program)
            if s.supporter == person
        )

    def test_overdue_flips_just_after_the_target(self) -> None:
        group = self.plan(starts_at=days_ahead(-1))
        individual = self.plan(
            starts_at=days_ahead(-1, hour=14),
            kind=Kind.INDIVIDUAL,
            supporters=[self.sam],
        )
        self.attended(group, self.sam)
        self.attended(individual, self.sam)
        group_due = group.starts_at + timedelta(weeks=4)
        with time_machine.travel(group_due, tick=False):
            standing = self.standing_of(self.sam)
            self.assertEqual(standing.last_group, group.starts_at)
            self.assertFalse(standing.group_overdue)
            self.assertFalse(standing.overdue)
        with time_machine.travel(group_due + timedelta(minutes=1), tick=False):
            standing = self.standing_of(self.sam)
            self.assertTrue(standing.group_overdue)
            self.assertFalse(standing.individual_overdue)
        individual_due = individual.starts_at + timedelta(weeks=8)
        with time_machine.travel(individual_due, tick=False):
            self.assertFalse(self.standing_of(self.sam).individual_overdue)
        with time_machine.travel(individual_due + timedelta(minutes=1), tick=False):
            self.assertTrue(self.standing_of(self.sam).individual_overdue)

    def test_the_programmes_own_target_counts(self) -> None:
        group = self.plan(starts_at=days_ahead(-1))
        self.attended(group, self.sam)
        services.targets_set(program=self.program, group_weeks=2, individual_weeks=8)
        with time_machine.travel(group.starts_at + timedelta(weeks=3), tick=False):
            self.assertTrue(self.standing_of(self.sam).group_overdue)

    def test_absent_or_cancelled_does_not_count_and_overdue_comes_first(self) -> None:
        group = self.plan(starts_at=days_ahead(-1))
        individual = self.plan(
            starts_at=days_ahead(-1, hour=14),
            kind=Kind.INDIVIDUAL,
            supporters=[self.siri],
        )
        services.attendance_record(
            session=group,
            attendance={self.sam.pk: "absent", self.siri.pk: "attended"},
        )
        self.attended(individual, self.siri)
        rows = selectors.standings(program=self.program)
        self.assertEqual([r.supporter for r in rows], [self.sam, self.siri])
        self.assertIsNone(rows[0].last_group)
        self.assertTrue(rows[0].overdue)
        self.assertFalse(rows[1].overdue)
        services.session_cancel(session=individual)
        self.assertIsNone(self.standing_of(self.siri).last_individual)

    def test_other_programmes_supporters_are_not_listed(self) -> None:
        people = [s.supporter for s in selectors.standings(program=self.program)]
        self.assertEqual(people, [self.sam, self.siri])
