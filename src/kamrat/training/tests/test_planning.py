from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from kamrat.recruitment.models import Call
from kamrat.training.models import Cohort, Session, Week
from kamrat.training.services import planning

from .base import TrainingTestCase, at


class CohortCreateTestCase(TrainingTestCase):
    def test_weeks_alternate_from_on_site_and_the_last_day_follows(self) -> None:
        cohort = self.make_cohort()
        kinds = list(cohort.weeks.values_list("number", "kind"))
        self.assertEqual(
            kinds,
            [
                (1, Week.Kind.ON_SITE),
                (2, Week.Kind.HOME_STUDY),
                (3, Week.Kind.ON_SITE),
                (4, Week.Kind.HOME_STUDY),
                (5, Week.Kind.ON_SITE),
            ],
        )
        self.assertEqual(cohort.ends_on, cohort.starts_on + timedelta(days=34))

    def test_a_shorter_training_has_fewer_weeks(self) -> None:
        cohort = self.make_cohort(weeks=3)
        self.assertEqual(cohort.weeks.count(), 3)
        self.assertEqual(cohort.ends_on, cohort.starts_on + timedelta(days=20))

    def test_broken_rules_save_nothing(self) -> None:
        foreign_call = Call.objects.create(
            program=self.other,
            title_en="Elsewhere",
            opens_on=timezone.localdate(),
            closes_on=timezone.localdate(),
            places=3,
        )
        cases = {
            "no name": {"name": "  "},
            "no place": {"place": ""},
            "no weeks": {"weeks": 0},
            "too many weeks": {"weeks": 21},
            "share of 0": {"completion_percent": 0},
            "share over 100": {"completion_percent": 101},
            "another programme's call": {"call": foreign_call},
            "far future": {"days_ago": -3 * 365},
        }
        for label, overrides in cases.items():
            with self.subTest(label), self.assertRaises(ValidationError):
                self.make_cohort(**overrides)
        self.assertEqual(Cohort.objects.count(), 0)
        self.assertEqual(Week.objects.count(), 0)


class WeekUpdateTestCase(TrainingTestCase):
    def test_theme_and_material_per_language(self) -> None:
        week = self.make_cohort().weeks.get(number=2)
        planning.week_update(
            week=week,
            kind=Week.Kind.HOME_STUDY,
            theme=" My story ",
            material_sv="Läs kapitel 2.",
            material_en="Read chapter 2.",
        )
        week.refresh_from_db()
        self.assertEqual(week.theme, "My story")
        self.assertEqual(week.material_sv, "Läs kapitel 2.")
        self.assertEqual(week.material_da, "")

    def test_an_unknown_kind_is_refused(self) -> None:
        week = self.make_cohort().weeks.get(number=2)
        with self.assertRaises(ValidationError):
            planning.week_update(week=week, kind="holiday", theme="x")
        week.refresh_from_db()
        self.assertEqual(week.kind, Week.Kind.HOME_STUDY)


class SessionTestCase(TrainingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.cohort = self.make_cohort()

    def test_a_session_lands_in_the_week_of_its_day(self) -> None:
        session = self.add_session(self.cohort, 15, place="")
        self.assertEqual(session.week.number, 3)
        self.assertEqual(session.place, "Folkets hus")  # the cohort's place

    def test_a_peer_supporter_leading_is_marked_so(self) -> None:
        session = self.add_session(self.cohort, 1, leader=self.sam)
        self.assertTrue(session.led_by_peer_supporter)
        outside = self.add_session(
            self.cohort, 2, leader=None, leader_name="Dr Vera Extern"
        )
        self.assertFalse(outside.led_by_peer_supporter)
        self.assertEqual(outside.leader_label, "Dr Vera Extern")

    def test_refusals_save_nothing(self) -> None:
        cases = {
            "before the first day": {
                "starts_at": at(self.cohort.starts_on, 10) - timedelta(days=1)
            },
            "after the last day": {
                "starts_at": at(self.cohort.ends_on + timedelta(days=1))
            },
            "leader from another programme": {"leader": self.otto},
            "participant as leader": {"leader": self.pia},
            "no leader": {"leader": None},
            "both leaders": {"leader_name": "Someone"},
            "no topic": {"topic": " "},
        }
        for label, overrides in cases.items():
            with self.subTest(label), self.assertRaises(ValidationError):
                start = overrides.pop("starts_at", None)
                if start is not None:
                    overrides["starts_at"] = start
                    overrides["ends_at"] = start + timedelta(hours=2)
                self.add_session(self.cohort, 1, **overrides)
        start = at(self.cohort.starts_on)
        with self.assertRaises(ValidationError):
            self.add_session(self.cohort, 1, starts_at=start, ends_at=start)
        self.assertEqual(Session.objects.count(), 0)

    def test_a_change_raises_the_sequence_and_no_change_does_not(self) -> None:
        session = self.add_session(self.cohort, 1)
        same = planning.SessionFields(
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            topic=session.topic,
            place=session.place,
            leader=self.ada,
        )
        planning.session_update(session=session, fields=same)
        session.refresh_from_db()
        self.assertEqual(session.sequence, 0)
        moved = planning.SessionFields(
            starts_at=session.starts_at + timedelta(days=1),
            ends_at=session.ends_at + timedelta(days=1),
            topic="A new topic",
            leader=self.ada,
        )
        uid = session.uid
        planning.session_update(session=session, fields=moved)
        session.refresh_from_db()
        self.assertEqual((session.sequence, session.topic), (1, "A new topic"))
        self.assertEqual(session.uid, uid)

    def test_cancelling_marks_it_and_raises_the_sequence_once(self) -> None:
        session = self.add_session(self.cohort, 1)
        planning.session_cancel(session=session)
        session.refresh_from_db()
        self.assertEqual((session.is_cancelled, session.sequence), (True, 1))
        with self.assertRaises(ValidationError):
            planning.session_cancel(session=session)
        session.refresh_from_db()
        self.assertEqual(session.sequence, 1)
