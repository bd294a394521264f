from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from kamrat.accounts.models import Membership, Role
from kamrat.training.models import Certificate, Cohort, ContinuedEducation, Enrolment
from kamrat.training.services import certification, planning
from kamrat.training.services import enrolment as enrolling

from .base import TrainingTestCase


class CompletionTestCase(TrainingTestCase):
    """A cohort that ended last week, with sessions on days 0, 1, 2, 14 and 28."""

    def setUp(self) -> None:
        super().setUp()
        self.cohort = self.make_cohort(days_ago=40)
        self.sessions = [self.add_session(self.cohort, d) for d in (0, 1, 2, 14, 28)]
        self.tess_in, self.tom_in = self.enrol(self.cohort, self.tess, self.tom)

    def came(self, enrolment: Enrolment, count: int) -> None:
        for n, session in enumerate(self.sessions):
            self.attend(session, {enrolment: n < count})

    def test_exactly_at_the_threshold_completes_and_just_below_does_not(self) -> None:
        self.came(self.tess_in, 4)  # 4 of 5 is 80%
        self.came(self.tom_in, 3)  # 60%
        result = certification.cohort_complete(cohort=self.cohort, by=self.ada)
        self.assertEqual(result.completed, [self.tess_in])
        self.assertEqual(result.not_completed, [self.tom_in])
        self.tess_in.refresh_from_db()
        self.tom_in.refresh_from_db()
        self.assertEqual(self.tess_in.status, Enrolment.Status.COMPLETED)
        self.assertEqual(self.tom_in.status, Enrolment.Status.NOT_COMPLETED)
        self.assertEqual(
            list(Certificate.objects.values_list("user", flat=True)), [self.tess.pk]
        )

    def test_a_share_between_whole_percents_meets_a_lower_rule(self) -> None:
        Cohort.objects.filter(pk=self.cohort.pk).update(completion_percent=81)
        self.came(self.tess_in, 4)  # 80% is below 81%
        result = certification.cohort_complete(cohort=self.cohort, by=self.ada)
        self.assertEqual(result.completed, [])

    def test_cancelled_and_future_sessions_do_not_count(self) -> None:
        self.came(self.tess_in, 4)
        planning.session_cancel(session=self.sessions[4])  # the one she missed
        result = certification.cohort_complete(cohort=self.cohort, by=self.ada)
        self.assertIn(self.tess_in, result.completed)

    def test_the_certificate_and_peer_supporter_role_follow(self) -> None:
        self.came(self.tess_in, 5)
        certification.cohort_complete(cohort=self.cohort, by=self.ada)
        certificate = Certificate.objects.get(user=self.tess)
        self.assertEqual(certificate.holder_name, "Tess Trainee")
        self.assertEqual(certificate.program, self.program)
        self.assertEqual(certificate.training_started_on, self.cohort.starts_on)
        self.assertEqual(certificate.training_ended_on, self.cohort.ends_on)
        self.assertEqual(certificate.issued_on, timezone.localdate())
        self.assertTrue(certificate.is_valid)
        self.assertTrue(
            Membership.objects.active()
            .filter(user=self.tess, program=self.program, role=Role.PEER_SUPPORTER)
            .exists()
        )
        self.assertFalse(
            Membership.objects.filter(user=self.tom, role=Role.PEER_SUPPORTER).exists()
        )

    def test_completing_twice_issues_nothing_twice(self) -> None:
        self.came(self.tess_in, 5)
        first = certification.cohort_complete(cohort=self.cohort, by=self.ada)
        memberships = Membership.objects.count()
        second = certification.cohort_complete(cohort=self.cohort, by=self.ada)
        self.assertEqual(len(first.certificates), 1)
        self.assertTrue(second.already)
        self.assertEqual(second.certificates, [])
        self.assertEqual(Certificate.objects.count(), 1)
        self.assertEqual(Membership.objects.count(), memberships)

    def test_someone_who_left_is_not_certified(self) -> None:
        self.came(self.tom_in, 5)
        enrolling.enrolment_withdraw(enrolment=self.tom_in)
        result = certification.cohort_complete(cohort=self.cohort, by=self.ada)
        self.tom_in.refresh_from_db()
        self.assertEqual(self.tom_in.status, Enrolment.Status.WITHDRAWN)
        self.assertNotIn(self.tom_in, result.completed + result.not_completed)
        self.assertFalse(Certificate.objects.filter(user=self.tom).exists())

    def test_not_before_the_last_day_nor_without_sessions(self) -> None:
        ongoing = self.make_cohort(name="Ongoing")
        self.add_session(ongoing, 1)
        with self.assertRaises(ValidationError):
            certification.cohort_complete(cohort=ongoing, by=self.ada)
        empty = self.make_cohort(name="Empty", days_ago=40)
        with self.assertRaises(ValidationError):
            certification.cohort_complete(cohort=empty, by=self.ada)
        self.assertEqual(Cohort.objects.filter(completed_at__isnull=False).count(), 0)

    def test_a_completed_cohort_keeps_its_schedule_and_attendance(self) -> None:
        self.came(self.tess_in, 5)
        certification.cohort_complete(cohort=self.cohort, by=self.ada)
        self.cohort.refresh_from_db()
        with self.assertRaises(ValidationError):
            self.add_session(self.cohort, 3)
        with self.assertRaises(ValidationError):
            self.attend(self.sessions[0], {self.tess_in: False})

    def test_a_revoked_certificate_stays_revoked(self) -> None:
        self.came(self.tess_in, 5)
        certification.cohort_complete(cohort=self.cohort, by=self.ada)
        certificate = Certificate.objects.get()
        certification.certificate_revoke(certificate=certificate)
        certificate.refresh_from_db()
        revoked_at = certificate.revoked_at
        self.assertFalse(certificate.is_valid)
        with self.assertRaises(ValidationError):
            certification.certificate_revoke(certificate=certificate)
        certificate.refresh_from_db()
        self.assertEqual(certificate.revoked_at, revoked_at)


class ContinuedEducationTestCase(TrainingTestCase):
    def record(self, **overrides) -> list:
        from decimal import Decimal

        fields = {
            "program": self.program,
            "people": [self.sam, self.siri],
            "title": "Theme day on suicide prevention",
            "held_on": timezone.localdate() - timedelta(days=3),
            "hours": Decimal("6.5"),
            "by": self.ada,
        }
        fields.update(overrides)
        return certification.continued_education_record(**fields)

    def test_one_event_for_several_peer_supporters(self) -> None:
        self.record()
        self.assertEqual(
            set(ContinuedEducation.objects.values_list("user", flat=True)),
            {self.sam.pk, self.siri.pk},
        )

    def test_refusals_save_nothing(self) -> None:
        from decimal import Decimal

        cases = {
            "nobody": {"people": []},
            "a participant": {"people": [self.pia]},
            "another programme's": {"people": [self.otto]},
            "no title": {"title": ""},
            "no hours": {"hours": Decimal("0")},
            "too many hours": {"hours": Decimal("1000")},
            "two decimals": {"hours": Decimal("1.25")},
            "not a number": {"hours": Decimal("NaN")},
        }
        for label, overrides in cases.items():
            with self.subTest(label), self.assertRaises(ValidationError):
                self.record(**overrides)
        self.assertFalse(ContinuedEducation.objects.exists())
