import re
import socket
from datetime import date, timedelta

import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from kamrat.accounts.models import User
from kamrat.core.testing import SmtpServer, run_worker
from kamrat.recruitment.models import Application, Call
from kamrat.training.services import enrolment as enrolling

from .base import TrainingTestCase


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class InvitationMailTestCase(TrainingTestCase):
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
        # March: a month named differently in Danish and Swedish.
        self.cohort = self.make_cohort(
            call=self.call, starts_on=date(today.year + 1, 3, 2)
        )
        for name, email, language in (
            ("Dorte Dansk", "dorte@applicants.test", "da"),
            ("Sven Svensk", "sven@applicants.test", "sv"),
        ):
            Application.objects.create(
                call=self.call,
                name=name,
                email=email,
                motivation="I want to give back.",
                language=language,
                step="accepted",
            )

    def subject(self, language: str) -> str:
        with translation.override(language):
            return gettext("%(programme)s: welcome to the basic training") % {
                "programme": "Harbour Peer Support"
            }

    def first_day(self, language: str) -> str:
        with translation.override(language):
            return formats.date_format(self.cohort.starts_on, "j F Y")

    def test_each_gets_a_link_to_choose_a_password_in_their_language(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            enrolling.enrol_from_call(cohort=self.cohort, by=self.ada)
        with SmtpServer() as smtp, override_settings(**smtp.settings()):
            run_worker()
        mails = {m["To"]: m for m in smtp.messages}
        self.assertEqual(set(mails), {"dorte@applicants.test", "sven@applicants.test"})
        self.assertEqual(mails["dorte@applicants.test"]["Subject"], self.subject("da"))
        self.assertEqual(mails["sven@applicants.test"]["Subject"], self.subject("sv"))
        body = mails["dorte@applicants.test"].get_body(("plain",)).get_content()
        swedish = mails["sven@applicants.test"].get_body(("plain",)).get_content()
        self.assertNotEqual(self.first_day("da"), self.first_day("sv"))
        self.assertIn(self.first_day("da"), body)
        self.assertIn(self.first_day("sv"), swedish)
        self.assertIn(reverse("training:mine"), body)
        link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", body)
        form_url = self.client.get(link.group(1)).url
        self.client.post(
            form_url,
            {"password1": "a long passphrase", "password2": "a long passphrase"},
        )
        dorte = User.objects.get(email="dorte@applicants.test")
        self.assertTrue(dorte.check_password("a long passphrase"))

    def test_someone_with_an_account_is_asked_to_sign_in(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            enrolling.enrol_member(cohort=self.cohort, user=self.siri, by=self.ada)
        with SmtpServer() as smtp, override_settings(**smtp.settings()):
            run_worker()
        (mail,) = smtp.messages
        body = mail.get_body(("plain",)).get_content()
        self.assertIn(reverse("account_login"), body)
        self.assertNotIn("/password/reset/", body)

    def test_a_mail_server_away_means_a_later_try(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            enrolling.enrol_member(cohort=self.cohort, user=self.siri, by=self.ada)
        down = {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": closed_port(),
            "EMAIL_TIMEOUT": 2,
        }
        with override_settings(**down), self.assertLogs("kamrat.training", "WARNING"):
            run_worker()
        with SmtpServer() as smtp, override_settings(**smtp.settings()):
            run_worker()  # the next try is not due yet
            self.assertEqual(smtp.messages, [])
            with time_machine.travel(timezone.now() + timedelta(minutes=3)):
                run_worker()
        self.assertEqual([m["To"] for m in smtp.messages], [self.siri.email])

    def test_nobody_is_written_to_after_leaving(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            enrolment = enrolling.enrol_member(
                cohort=self.cohort, user=self.siri, by=self.ada
            )
        enrolling.enrolment_withdraw(enrolment=enrolment)
        with SmtpServer() as smtp, override_settings(**smtp.settings()):
            run_worker()
        self.assertEqual(smtp.messages, [])
