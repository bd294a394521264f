from django.test import TestCase
from django.utils import timezone

from kamrat.accounts.models import Membership, Role
from kamrat.core.demo import DEMO_PASSWORD, demo_load
from kamrat.programs.models import Program
from kamrat.training.models import Attendance, Certificate, Cohort, Week
from kamrat.training.selectors import standings, week_dates


class DemoTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        demo_load()

    def test_the_county_association_is_in_week_three_with_seven(self) -> None:
        program = Program.objects.get(slug="nsph-norrlanet")
        cohort = Cohort.objects.get(program=program)
        today = timezone.localdate()
        first, last = week_dates(starts_on=cohort.starts_on, number=3)
        self.assertTrue(first <= today <= last)
        self.assertEqual(cohort.weeks.count(), 5)
        self.assertIsNone(cohort.completed_at)
        self.assertEqual(cohort.enrolments.count(), 7)
        for week in cohort.weeks.all():
            sessions = week.sessions.count()
            if week.kind == Week.Kind.ON_SITE:
                self.assertIn(sessions, (2, 3), week.number)
            else:
                self.assertEqual(sessions, 0, week.number)
                self.assertTrue(week.material_sv)
            self.assertTrue(week.theme)
        self.assertTrue(cohort.sessions.filter(led_by_peer_supporter=True).exists())
        self.assertTrue(cohort.sessions.filter(leader__isnull=False).exists())
        rows = standings(cohort=cohort, now=timezone.now())
        missed = sorted(r.held - r.attended for r in rows)
        self.assertEqual(missed, [0, 0, 0, 0, 0, 0, 2])
        held = cohort.sessions.filter(starts_at__lte=timezone.now()).count()
        self.assertEqual(
            Attendance.objects.filter(enrolment__cohort=cohort).count(), 7 * held
        )
        self.assertFalse(
            Attendance.objects.filter(
                enrolment__cohort=cohort, session__starts_at__gt=timezone.now()
            ).exists()
        )

    def test_the_seven_came_through_a_call_that_closed_before_the_start(self) -> None:
        cohort = Cohort.objects.get(program__slug="nsph-norrlanet")
        self.assertLess(cohort.call.closes_on, cohort.starts_on)
        self.assertEqual(cohort.call.applications.filter(step="accepted").count(), 7)
        for enrolment in cohort.enrolments.select_related("user", "application"):
            self.assertEqual(enrolment.application.email, enrolment.user.email)
            self.assertTrue(enrolment.user.email.startswith("trainee"))
            self.assertTrue(
                self.client.login(username=enrolment.user.email, password=DEMO_PASSWORD)
            )

    def test_other_programmes_have_a_finished_cohort_with_certificates(self) -> None:
        others = Program.objects.exclude(slug="nsph-norrlanet")
        self.assertEqual(others.count(), 3)
        for program in others:
            with self.subTest(program.slug):
                cohort = Cohort.objects.get(program=program)
                self.assertIsNotNone(cohort.completed_at)
                self.assertLess(cohort.ends_on, timezone.localdate())
                people = cohort.enrolments.count()
                certified = Certificate.objects.filter(cohort=cohort)
                self.assertIn(certified.count(), (people, people - 1))
                self.assertGreaterEqual(certified.count(), 3)
                for certificate in certified:
                    self.assertTrue(
                        Membership.objects.active()
                        .filter(
                            user=certificate.user,
                            program=program,
                            role=Role.PEER_SUPPORTER,
                        )
                        .exists()
                    )
                    self.assertTrue(
                        certificate.user.continued_education.filter(
                            program=program
                        ).exists()
                    )
                for row in standings(cohort=cohort, now=timezone.now()):
                    self.assertEqual(row.meets, row.enrolment.status == "completed")
