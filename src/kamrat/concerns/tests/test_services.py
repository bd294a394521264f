import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext

from kamrat.accounts.models import User
from kamrat.concerns.models import Concern, ConcernAlert, EscalationStep, Shift
from kamrat.concerns.services.concerns import (
    concern_acknowledge,
    concern_close,
    concern_escalate,
)
from kamrat.concerns.tasks import concern_escalate_step
from kamrat.core.testing import SmtpServer, make_pairing, make_user, run_worker
from kamrat.support.models import Pairing

from .base import ConcernTestCase, minutes_later


class RaiseTestCase(ConcernTestCase):
    def test_it_asks_the_one_on_call_first_and_plans_the_whole_ladder(self) -> None:
        concern = self.raise_about_pia()
        self.assertEqual(concern.participant, self.pia)
        self.assertEqual(concern.ladder, [self.ada.pk, self.cleo.pk, self.bo.pk])
        self.assertEqual(concern.step, 1)
        self.assertEqual(concern.escalate_at, minutes_later(15))
        self.assertEqual(
            list(concern.alerts.values_list("recipient", flat=True)), [self.ada.pk]
        )

    def test_nobody_on_call_sends_it_to_the_first_in_the_order(self) -> None:
        Shift.objects.all().delete()
        concern = self.raise_about_pia()
        self.assertEqual(concern.ladder, [self.cleo.pk, self.bo.pk])
        self.assertEqual(
            list(concern.alerts.values_list("recipient", flat=True)), [self.cleo.pk]
        )

    def test_no_rota_at_all_tells_everyone_who_runs_the_programme(self) -> None:
        Shift.objects.all().delete()
        EscalationStep.objects.all().delete()
        concern = self.raise_about_pia()
        self.assertTrue(concern.everyone_told)
        self.assertIsNone(concern.escalate_at)
        self.assertEqual(
            set(concern.alerts.values_list("recipient", flat=True)),
            {self.ada.pk, self.cleo.pk, self.bo.pk},
        )

    def test_someone_not_in_kamrat_needs_only_a_first_name(self) -> None:
        concern = self.raise_about_pia(
            pairing=None, first_name=" Alex ", reach="supporter", contact_detail=""
        )
        self.assertIsNone(concern.participant)
        self.assertEqual(concern.first_name, "Alex")

    def test_names_and_contact_details_are_encrypted_at_rest(self) -> None:
        concern = self.raise_about_pia(pairing=None, first_name="Alex")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT first_name, contact_detail FROM concerns_concern WHERE id = %s",
                [concern.pk],
            )
            stored = cursor.fetchone()
        self.assertNotIn("Alex", stored[0])
        self.assertNotIn("070", stored[1])

    def test_bad_input_is_refused_and_saves_nothing(self) -> None:
        other = make_user(name="Otis Participant")
        foreign = make_pairing(
            participant=other, supporter=self.sid, program=self.program
        )
        ended = make_pairing(
            participant=make_user(name="Eve Ended"),
            supporter=self.sam,
            program=self.program,
            status=Pairing.Status.ENDED,
        )
        cases = [
            {"pairing": foreign},
            {"pairing": ended},
            {"pairing": None, "first_name": ""},
            {"reach": "fax"},
            {"urgency": "someday"},
            {"reach": "phone", "contact_detail": ""},
            {"contact_detail": "x" * 121},
            {"by": self.pia},
            {"by": self.otto},
        ]
        for overrides in cases:
            with self.subTest(**{k: str(v) for k, v in overrides.items()}):
                with self.assertRaises(ValidationError):
                    self.raise_about_pia(**overrides)
        self.assertEqual(Concern.objects.count(), 0)
        self.assertEqual(ConcernAlert.objects.count(), 0)


class MailAndEscalationTestCase(ConcernTestCase):
    def run_worker_at(self, minutes: int) -> None:
        """Run the worker; what a job enqueues after its commit runs in round two.

        In a test the commit callbacks fire only when the capture ends, where a
        real worker would pick the new jobs up on its next poll.
        """
        with time_machine.travel(minutes_later(minutes), tick=False):
            for _round in range(2):
                with self.captureOnCommitCallbacks(execute=True):
                    run_worker()

    def test_the_one_on_call_gets_a_mail_that_names_no_one(self) -> None:
        # Ada reads Danish; the programme's own language is Swedish.
        User.objects.filter(pk=self.ada.pk).update(preferred_language="da")
        concern = self.raise_about_pia()
        with SmtpServer() as smtp, override_settings(**smtp.settings()):
            self.run_worker_at(0)
        self.assertEqual([m["To"] for m in smtp.messages], [self.ada.email])
        message = smtp.messages[0]
        with translation.override("da"):
            subject = gettext("Kamrat: urgent concern")
        self.assertNotEqual(subject, "Kamrat: urgent concern")
        self.assertEqual(message["Subject"], subject)
        body = message.get_content()
        self.assertIn(f"/concerns/{concern.pk}/", body)
        for secret in ("Pia", "070", "Sam"):
            self.assertNotIn(secret, body)
        alert = concern.alerts.get()
        self.assertIsNotNone(alert.sent_at)

    def test_unanswered_it_climbs_the_order_then_reaches_everyone(self) -> None:
        concern = self.raise_about_pia()
        with SmtpServer() as smtp, override_settings(**smtp.settings()):
            self.run_worker_at(0)
            self.run_worker_at(14)
            self.assertEqual(len(smtp.messages), 1)
            self.run_worker_at(16)
            self.assertEqual(smtp.messages[-1]["To"], self.cleo.email)
            self.run_worker_at(32)
            self.assertEqual(smtp.messages[-1]["To"], self.bo.email)
            self.run_worker_at(48)
            self.run_worker_at(200)
        recipients = [m["To"] for m in smtp.messages]
        self.assertEqual(
            recipients[:3], [self.ada.email, self.cleo.email, self.bo.email]
        )
        self.assertEqual(
            sorted(recipients[3:]),
            sorted([self.ada.email, self.cleo.email, self.bo.email]),
        )
        concern.refresh_from_db()
        self.assertTrue(concern.everyone_told)
        self.assertIsNone(concern.escalate_at)

    def test_acknowledging_stops_escalation(self) -> None:
        concern = self.raise_about_pia()
        with SmtpServer() as smtp, override_settings(**smtp.settings()):
            self.run_worker_at(0)
            with time_machine.travel(minutes_later(5), tick=False):
                concern_acknowledge(concern=concern, by=self.ada)
            self.run_worker_at(16)
            self.run_worker_at(60)
        self.assertEqual([m["To"] for m in smtp.messages], [self.ada.email])
        concern.refresh_from_db()
        self.assertEqual(concern.status, Concern.Status.ACKNOWLEDGED)
        self.assertEqual(concern.acknowledged_by, self.ada)
        self.assertEqual(concern.acknowledged_at, minutes_later(5))
        self.assertEqual(concern.step, 1)

    def test_closing_stops_escalation_too(self) -> None:
        concern = self.raise_about_pia()
        concern_close(concern=concern, by=self.cleo)
        self.assertFalse(concern_escalate(concern_id=concern.pk, step=1))
        concern.refresh_from_db()
        self.assertEqual(concern.status, Concern.Status.CLOSED)
        self.assertIsNone(concern.acknowledged_at)

    def test_escalation_running_twice_asks_the_next_person_once(self) -> None:
        concern = self.raise_about_pia()
        # A second copy of the same job, as after a worker restart.
        concern_escalate_step.using(run_after=minutes_later(15)).enqueue(concern.pk, 1)
        with SmtpServer() as smtp, override_settings(**smtp.settings()):
            self.run_worker_at(16)
            with time_machine.travel(minutes_later(17), tick=False):
                self.assertFalse(concern_escalate(concern_id=concern.pk, step=1))
            self.run_worker_at(17)
        self.assertEqual(
            [m["To"] for m in smtp.messages], [self.ada.email, self.cleo.email]
        )
        self.assertEqual(concern.alerts.filter(recipient=self.cleo).count(), 1)
        concern.refresh_from_db()
        self.assertEqual(concern.step, 2)

    def test_a_late_worker_moves_one_step_and_waits_again(self) -> None:
        concern = self.raise_about_pia()
        self.run_worker_at(180)
        concern.refresh_from_db()
        self.assertEqual(concern.step, 2)
        self.assertEqual(concern.escalate_at, minutes_later(195))

    def test_an_early_run_changes_nothing(self) -> None:
        concern = self.raise_about_pia()
        with time_machine.travel(minutes_later(10), tick=False):
            self.assertFalse(concern_escalate(concern_id=concern.pk, step=1))
        concern.refresh_from_db()
        self.assertEqual(concern.step, 1)

    def test_a_second_acknowledgement_is_refused(self) -> None:
        concern = self.raise_about_pia()
        concern_acknowledge(concern=concern, by=self.ada)
        with self.assertRaises(ValidationError):
            concern_acknowledge(concern=concern, by=self.cleo)
        concern.refresh_from_db()
        self.assertEqual(concern.acknowledged_by, self.ada)

    def test_supporter_cannot_acknowledge_their_own_concern(self) -> None:
        concern = self.raise_about_pia()
        with self.assertRaises(ValidationError):
            concern_acknowledge(concern=concern, by=self.sam)
        concern.refresh_from_db()
        self.assertEqual(concern.status, Concern.Status.OPEN)

    def test_mail_survives_an_smtp_outage_and_goes_out_once(self) -> None:
        concern = self.raise_about_pia()
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=9,  # nothing listens here
            EMAIL_TIMEOUT=1,
        ):
            self.run_worker_at(0)
        alert = concern.alerts.get()
        self.assertIsNone(alert.sent_at)
        self.assertEqual(alert.attempts, 1)
        with SmtpServer() as smtp, override_settings(**smtp.settings()):
            self.run_worker_at(2)
            self.run_worker_at(3)
        self.assertEqual([m["To"] for m in smtp.messages], [self.ada.email])
