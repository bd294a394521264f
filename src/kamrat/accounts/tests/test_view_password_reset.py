import re

from django.test import override_settings
from django.urls import reverse

from kamrat.core.testing import KamratTestCase, SmtpServer


class PasswordResetTestCase(KamratTestCase):
    def _request_reset(self, smtp: SmtpServer, email: str):
        with override_settings(**smtp.settings()):
            return self.client.post(
                reverse("account_reset_password"),
                {"email": email},
                HTTP_ACCEPT_LANGUAGE="en",
            )

    def test_reset_mail_arrives_over_smtp_and_sets_a_new_password(self) -> None:
        with SmtpServer() as smtp:
            response = self._request_reset(smtp, "PIA@people.test")
        self.assertRedirects(response, reverse("account_reset_password_done"))
        self.assertEqual(len(smtp.messages), 1)
        message = smtp.messages[0]
        self.assertEqual(message["To"], self.pia.email)
        self.assertTrue(message["Subject"].startswith("Kamrat: "))
        body = message.get_body(preferencelist=("plain",)).get_content()
        link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", body)
        self.assertIsNotNone(link)

        form_url = self.client.get(link.group(1)).url  # the key moves to the session
        response = self.client.post(
            form_url,
            {
                "password1": "a new long passphrase",
                "password2": "a new long passphrase",
            },
        )
        self.assertRedirects(response, reverse("account_reset_password_from_key_done"))
        self.pia.refresh_from_db()
        self.assertTrue(self.pia.check_password("a new long passphrase"))

    def test_mail_is_written_in_the_recipients_language(self) -> None:
        self.pia.preferred_language = "da"
        self.pia.save(update_fields=["preferred_language"])
        with SmtpServer() as smtp:
            self._request_reset(smtp, self.pia.email)
            self._request_reset(smtp, self.sam.email)
        danish, english = smtp.messages
        self.assertEqual(danish["To"], self.pia.email)
        self.assertNotEqual(
            danish["Subject"].removeprefix("Kamrat: "),
            english["Subject"].removeprefix("Kamrat: "),
        )

    def test_unknown_address_sends_nothing_and_reveals_nothing(self) -> None:
        with SmtpServer() as smtp:
            response = self._request_reset(smtp, "nobody@people.test")
        self.assertRedirects(response, reverse("account_reset_password_done"))
        self.assertEqual(smtp.messages, [])

    def test_tampered_key_changes_nothing(self) -> None:
        response = self.client.get("/accounts/password/reset/key/1-bogus/", follow=True)
        self.assertTrue(response.context["token_fail"])
        response = self.client.post(
            response.redirect_chain[-1][0] if response.redirect_chain else "/",
            {
                "password1": "a new long passphrase",
                "password2": "a new long passphrase",
            },
        )
        self.pia.refresh_from_db()
        self.assertTrue(self.pia.check_password("correct horse battery staple"))
