from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from kamrat.privacy.rights import person_erase, person_export, rights_modules
from kamrat.training import rights
from kamrat.training.models import (
    Attendance,
    Certificate,
    ContinuedEducation,
    Enrolment,
    Session,
)
from kamrat.training.services import certification

from .base import TrainingTestCase


class RightsTestCase(TrainingTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.cohort = self.make_cohort(days_ago=40)
        self.session = self.add_session(self.cohort, 1, topic="Recovery and hope")
        self.tess_in, self.tom_in = self.enrol(self.cohort, self.tess, self.tom)
        self.attend(self.session, {self.tess_in: True, self.tom_in: True})
        certification.cohort_complete(cohort=self.cohort, by=self.ada)
        self.certificate = Certificate.objects.get(user=self.tess)
        ContinuedEducation.objects.create(
            program=self.program,
            user=self.tess,
            title="Theme day",
            held_on=timezone.localdate() - timedelta(days=3),
            hours=Decimal("6.5"),
        )

    def test_the_export_holds_the_persons_record_only(self) -> None:
        data = rights.export(self.tess)
        self.assertEqual(data["enrolments"][0]["status"], "completed")
        self.assertEqual(data["enrolments"][0]["cohort"], "Spring cohort")
        self.assertEqual(
            data["attendance"],
            [
                {
                    "cohort": "Spring cohort",
                    "session": "Recovery and hope",
                    "starts_at": Session.objects.get().starts_at.isoformat(),
                    "attended": True,
                }
            ],
        )
        self.assertEqual(data["certificates"][0]["code"], self.certificate.code)
        self.assertEqual(data["continued_education"][0]["hours"], "6.5")
        self.assertEqual(len(rights.export(self.tom)["certificates"]), 1)
        self.assertEqual(rights.export(self.pia)["enrolments"], [])

    def test_the_privacy_app_finds_and_uses_this_module(self) -> None:
        self.assertIn("training", dict(rights_modules()))
        document = person_export(user=self.tess)
        self.assertEqual(
            document["data"]["training"]["certificates"][0]["holder_name"],
            "Tess Trainee",
        )

    def test_erasure_removes_the_record_and_the_code_stops_checking(self) -> None:
        code = self.certificate.code
        rights.erase(self.tess)
        self.assertFalse(Enrolment.objects.filter(user=self.tess).exists())
        self.assertFalse(Attendance.objects.filter(enrolment=self.tess_in.pk).exists())
        self.assertFalse(Certificate.objects.filter(user=self.tess).exists())
        self.assertFalse(ContinuedEducation.objects.filter(user=self.tess).exists())
        # Others' records and the schedule stay.
        self.assertTrue(Certificate.objects.filter(user=self.tom).exists())
        self.assertTrue(Session.objects.filter(pk=self.session.pk).exists())
        response = self.client.get(reverse("training:verify_code", args=[code]))
        self.assertContains(response, "No certificate has this code", status_code=404)

    def test_a_trainee_who_never_worked_here_can_erase_everything(self) -> None:
        (enrolment,) = self.enrol(self.make_cohort(name="Later"), self.pia)
        person_erase(user=self.pia)
        self.assertFalse(Enrolment.objects.filter(pk=enrolment.pk).exists())
