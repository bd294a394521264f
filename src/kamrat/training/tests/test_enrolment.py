from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from kamrat.recruitment.models import Application, Call
from kamrat.training.models import Attendance, Enrolment
from kamrat.training.services import enrolment as enrolling
from kamrat.training.services import planning

from .base import TrainingTestCase


class AttendanceTestCase(TrainingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.cohort = self.make_cohort()
        self.tess_in, self.tom_in = self.enrol(self.cohort, self.tess, self.tom)

    def test_it_records_and_corrects(self) -> None:
        session = self.add_session(self.cohort, 1)
        self.attend(session, {self.tess_in: True, self.tom_in.pk: False})
        self.attend(session, {self.tom_in: True})
        self.assertEqual(
            dict(Attendance.objects.values_list("enrolment_id", "attended")),
            {self.tess_in.pk: True, self.tom_in.pk: True},
        )

    def test_not_before_it_starts_nor_for_others_nor_when_cancelled(self) -> None:
        later = self.add_session(self.cohort, 20)
        with self.assertRaises(ValidationError):
            self.attend(later, {self.tess_in: True})
        held = self.add_session(self.cohort, 1)
        elsewhere = self.enrol(self.make_cohort(name="Other"), self.pia)[0]
        with self.assertRaises(ValidationError):
            self.attend(held, {elsewhere: True})
        enrolling.enrolment_withdraw(enrolment=self.tom_in)
        with self.assertRaises(ValidationError):
            self.attend(held, {self.tom_in: True})
        planning.session_cancel(session=held)
        with self.assertRaises(ValidationError):
            self.attend(held, {self.tess_in: True})
        self.assertFalse(Attendance.objects.exists())


class EnrolTestCase(TrainingTestCase):
    def setUp(self) -> None:
        super().setUp()
        today = timezone.localdate()
        self.call = Call.objects.create(
            program=self.program,
            title_en="Become a peer supporter",
            opens_on=today - timedelta(days=60),
            closes_on=today - timedelta(days=30),
            places=3,
        )
        self.cohort = self.make_cohort(call=self.call)

    def apply(self, name: str, email: str, step: str, language: str = "en"):
        return Application.objects.create(
            call=self.call,
            name=name,
            email=email,
            motivation="I want to give back.",
            language=language,
            step=step,
        )

    def test_accepted_applicants_get_accounts_in_their_language(self) -> None:
        alva = self.apply("Alva Applicant", "Alva@Applicants.test", "accepted", "da")
        self.apply("Ruth Reserve", "ruth@applicants.test", "reserve")
        made = enrolling.enrol_from_call(cohort=self.cohort, by=self.ada)
        self.assertEqual(len(made), 1)
        user = made[0].user
        self.assertEqual(user.email, "alva@applicants.test")
        self.assertEqual(user.name, "Alva Applicant")
        self.assertEqual(user.preferred_language, "da")
        self.assertFalse(user.has_usable_password())
        self.assertEqual(made[0].application, alva)

    def test_an_existing_account_is_used_and_nobody_twice(self) -> None:
        self.apply("Tess T", "TESS@people.test", "accepted")
        made = enrolling.enrol_from_call(cohort=self.cohort, by=self.ada)
        self.assertEqual(made[0].user, self.tess)
        with self.assertRaises(ValidationError):
            enrolling.enrol_from_call(cohort=self.cohort, by=self.ada)
        self.assertEqual(Enrolment.objects.count(), 1)

    def test_without_a_call_there_is_nobody_to_enrol(self) -> None:
        cohort = self.make_cohort(name="No call")
        with self.assertRaises(ValidationError):
            enrolling.enrol_from_call(cohort=cohort, by=self.ada)

    def test_a_member_of_the_staff_can_join_and_others_cannot(self) -> None:
        enrolment = enrolling.enrol_member(
            cohort=self.cohort, user=self.siri, by=self.ada
        )
        self.assertEqual(enrolment.status, Enrolment.Status.ENROLLED)
        for person in (self.siri, self.pia, self.otto, self.olle):
            with self.subTest(person.name), self.assertRaises(ValidationError):
                enrolling.enrol_member(cohort=self.cohort, user=person, by=self.ada)
        self.assertEqual(Enrolment.objects.count(), 1)

    def test_someone_who_left_can_come_back(self) -> None:
        (enrolment,) = self.enrol(self.cohort, self.tess)  # no role in the programme
        with self.assertRaises(ValidationError):
            enrolling.enrol_member(cohort=self.cohort, user=self.tess, by=self.ada)
        enrolling.enrolment_withdraw(enrolment=enrolment)
        again = enrolling.enrol_member(cohort=self.cohort, user=self.tess, by=self.ada)
        self.assertEqual(again.pk, enrolment.pk)
        self.assertEqual(again.status, Enrolment.Status.ENROLLED)
