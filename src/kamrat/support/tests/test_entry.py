import re

from django.test import override_settings
from django.urls import reverse

from kamrat.accounts.models import Membership, Role, User
from kamrat.core.testing import (
    KamratTestCase,
    SmtpServer,
    make_membership,
    make_program,
    run_worker,
)
from kamrat.support.models import AccessCode, SupportRequest
from kamrat.support.services.codes import access_codes_create

ASK = {
    "topics": ["talk"],
    "modes": ["video"],
    "languages": ["sv"],
    "times": ["0"],
    "chooser": "participant",
}


class RegisterTestCase(KamratTestCase):
    url = reverse("support:register", args=["harbour"])

    def test_first_timer_signs_up_and_lands_on_the_request_form(self) -> None:
        response = self.client.post(
            self.url,
            {
                "name": "Nina",
                "email": "nina@people.test",
                "password": "a long passphrase",
            },
        )
        self.assertRedirects(response, reverse("support:request_new", args=["harbour"]))
        nina = User.objects.get(email="nina@people.test")
        self.assertTrue(
            Membership.objects.filter(user=nina, role=Role.PARTICIPANT).exists()
        )

    def test_existing_email_and_weak_password_are_refused(self) -> None:
        for data in (
            {"name": "X", "email": self.pia.email, "password": "a long passphrase"},
            {"name": "X", "email": "x@people.test", "password": "123"},
        ):
            response = self.client.post(self.url, data)
            self.assertEqual(response.status_code, 200)
        self.assertFalse(User.objects.filter(email="x@people.test").exists())


class CodeTestCase(KamratTestCase):
    def test_a_code_starts_a_guest_who_can_ask_and_later_keep_an_account(self) -> None:
        (code,) = access_codes_create(program=self.program, by=self.ada, count=1)
        response = self.client.post(
            reverse("support:code"), {"code": code.lower(), "name": "Kim"}
        )
        self.assertRedirects(response, reverse("support:request_new", args=["harbour"]))
        guest = User.objects.get(name="Kim")
        self.assertIsNone(guest.email)
        self.client.post(reverse("support:request_new", args=["harbour"]), ASK)
        self.assertTrue(SupportRequest.objects.filter(participant=guest).exists())

        self.client.post(
            reverse("support:keep"),
            {"email": "kim@people.test", "password": "a long passphrase"},
        )
        guest.refresh_from_db()
        self.assertEqual(guest.email, "kim@people.test")
        self.assertTrue(guest.check_password("a long passphrase"))

    def test_a_code_works_once(self) -> None:
        (code,) = access_codes_create(program=self.program, by=self.ada, count=1)
        self.client.post(reverse("support:code"), {"code": code})
        self.client.logout()
        response = self.client.post(reverse("support:code"), {"code": code})
        self.assertContains(response, "code")
        self.assertEqual(User.objects.filter(email__isnull=True).count(), 1)

    def test_a_wrong_code_changes_nothing(self) -> None:
        response = self.client.post(reverse("support:code"), {"code": "AAAAA-BBBBB"})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(User.objects.filter(email__isnull=True).exists())

    def test_only_staff_of_the_programme_make_codes_and_only_hashes_are_kept(self):
        self.login(self.wanda)
        response = self.client.post(
            reverse("support:codes", args=["harbour"]), {"count": 3}
        )
        codes = response.context["codes"]
        self.assertEqual(len(codes), 3)
        stored = set(AccessCode.objects.values_list("code_hash", flat=True))
        self.assertFalse(
            any(code.replace("-", "") in h for code in codes for h in stored)
        )
        for user in (self.pia, self.sam, self.olle):
            self.login(user)
            response = self.client.post(
                reverse("support:codes", args=["harbour"]), {"count": 3}
            )
            self.assertEqual(response.status_code, 404)
        self.assertEqual(AccessCode.objects.count(), 3)


class ReferTestCase(KamratTestCase):
    def test_workplace_refers_and_the_person_confirms_after_an_email(self) -> None:
        self.login(self.wanda)
        data = {
            **ASK,
            "participant_name": "Rut",
            "participant_email": "rut@people.test",
            "consent": "on",
        }
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(reverse("support:refer", args=["harbour"]), data)
        request = SupportRequest.objects.get(participant__email="rut@people.test")
        self.assertEqual(
            (request.status, request.referred_by), ("awaiting", self.wanda)
        )
        self.assertEqual(request.message, "")
        with SmtpServer() as smtp, override_settings(**smtp.settings()):
            run_worker()
        (mail,) = smtp.messages
        self.assertEqual(mail["To"], "rut@people.test")
        body = mail.get_body(preferencelist=("plain",)).get_content()
        self.assertNotIn("Ward 7", body + mail["Subject"])
        link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", body)
        form_url = self.client.get(link.group(1)).url
        self.client.post(
            form_url,
            {"password1": "a long passphrase", "password2": "a long passphrase"},
        )
        rut = User.objects.get(email="rut@people.test")
        self.client.force_login(rut)
        self.client.post(reverse("support:request_confirm", args=[request.pk]))
        request.refresh_from_db()
        self.assertEqual(request.status, "open")

    def test_referral_form_has_no_free_text_and_refuses_strangers(self) -> None:
        self.login(self.wanda)
        response = self.client.get(reverse("support:refer", args=["harbour"]))
        self.assertNotIn("message", response.context["form"].fields)
        make_membership(user=self.olle, program=make_program(), role=Role.COORDINATOR)
        for user in (self.pia, self.sam, self.olle):
            self.login(user)
            response = self.client.get(reverse("support:refer", args=["harbour"]))
            self.assertEqual(response.status_code, 404)

    def test_a_referral_without_the_persons_yes_changes_nothing(self) -> None:
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        self.login(self.wanda)
        users = User.objects.count()
        data = {
            **ASK,
            "participant_name": "Rut",
            "participant_email": "rut@people.test",
        }
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            response = self.client.post(
                reverse("support:refer", args=["harbour"]), data
            )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ask the person first")
        self.assertEqual(SupportRequest.objects.count(), 0)
        self.assertEqual(User.objects.count(), users)
        self.assertEqual(callbacks, [])

    def test_another_person_cannot_confirm(self) -> None:
        self.login(self.wanda)
        data = {
            **ASK,
            "participant_name": "Rut",
            "participant_email": "rut@people.test",
            "consent": "on",
        }
        self.client.post(reverse("support:refer", args=["harbour"]), data)
        request = SupportRequest.objects.get()
        self.login(self.ada)
        self.client.post(reverse("support:request_confirm", args=[request.pk]))
        request.refresh_from_db()
        self.assertEqual(request.status, "awaiting")
