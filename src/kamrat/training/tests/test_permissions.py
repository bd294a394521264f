from django.http import Http404
from django.utils import timezone

from kamrat.training import permissions
from kamrat.training.models import Certificate, Enrolment

from .base import TrainingTestCase


class PermissionsTestCase(TrainingTestCase):
    def test_each_predicate_for_every_person(self) -> None:
        cohort = self.make_cohort()
        session = self.add_session(cohort, 1)
        tess_in, tom_in = self.enrol(cohort, self.tess, self.tom)
        Enrolment.objects.filter(pk=tom_in.pk).update(status="withdrawn")
        tom_in.refresh_from_db()
        certificate = Certificate.objects.create(
            program=self.program,
            user=self.sam,
            holder_name="Sam Supporter",
            training_started_on=timezone.localdate(),
            training_ended_on=timezone.localdate(),
        )
        # person: manages, sees Tess's enrolment, Tess's schedule, the certificate
        people = {
            "ada": (self.ada, True, True, False, True),
            "sam": (self.sam, False, False, False, True),
            "tess": (self.tess, False, True, True, False),
            "tom": (self.tom, False, False, False, False),
            "pia": (self.pia, False, False, False, False),
            "wanda": (self.wanda, False, False, False, False),
            "olle": (self.olle, False, False, False, False),
            "olga": (self.olga, False, False, False, False),
        }
        for name, (person, manages, enrolment, schedule, cert) in people.items():
            with self.subTest(name):
                self.assertEqual(
                    permissions.can_manage_training(person, self.program), manages
                )
                self.assertEqual(permissions.can_view_cohort(person, cohort), manages)
                self.assertEqual(
                    permissions.can_manage_session(person, session), manages
                )
                self.assertEqual(
                    permissions.can_manage_enrolment(person, tess_in), manages
                )
                self.assertEqual(
                    permissions.can_view_enrolment(person, tess_in), enrolment
                )
                self.assertEqual(
                    permissions.can_view_schedule(person, tess_in), schedule
                )
                self.assertFalse(permissions.can_view_schedule(person, tom_in))
                self.assertEqual(
                    permissions.can_view_certificate(person, certificate), cert
                )
                self.assertEqual(
                    permissions.can_revoke_certificate(person, certificate), manages
                )

    def test_lookups_give_404_for_missing_and_hidden_alike(self) -> None:
        cohort = self.make_cohort()
        self.assertEqual(
            permissions.get_cohort_for_manager(self.ada, cohort.pk), cohort
        )
        for user, cohort_id in ((self.olga, cohort.pk), (self.ada, 987654)):
            with self.subTest(user.name), self.assertRaises(Http404):
                permissions.get_cohort_for_manager(user, cohort_id)
        with self.assertRaises(Http404):
            permissions.get_program_for_manager(self.olga, "harbour")
