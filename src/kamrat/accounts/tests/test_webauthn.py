"""Security keys and passkeys (WebAuthn) as a second step at sign-in.

A small software key signs real WebAuthn answers, so allauth's own checks run.
"""

import hashlib
import json
import os
import re

from allauth.mfa.models import Authenticator
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.cache import cache
from django.urls import reverse
from fido2.cose import ES256
from fido2.utils import websafe_encode
from fido2.webauthn import (
    AttestationObject,
    AttestedCredentialData,
    AuthenticatorData,
    CollectedClientData,
)

from kamrat.accounts.middleware import TWO_FACTOR_KEY
from kamrat.accounts.models import Role
from kamrat.core.testing import (
    PASSWORD,
    KamratTestCase,
    make_membership,
    make_user,
    totp_code,
)

from .test_csp import HANDLER, SRC

ORIGIN = "http://testserver"
DATA = re.compile(
    r'<script id="webauthn-data" type="application/json">(.*?)</script>', re.S
)
SCRIPT = re.compile(r"<script\b[^>]*>", re.I)
FLAG = AuthenticatorData.FLAG


class SoftwareKey:
    """Answers WebAuthn requests as a key would, with "none" attestation."""

    def __init__(self) -> None:
        self.private = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.counter = 0
        self.rp_hash = hashlib.sha256(b"testserver").digest()

    def create(self, options: dict) -> dict:
        client_data = CollectedClientData.create(
            "webauthn.create", options["publicKey"]["challenge"], ORIGIN
        )
        credential = AttestedCredentialData.create(
            b"\0" * 16,
            self.credential_id,
            ES256.from_cryptography_key(self.private.public_key()),
        )
        auth_data = AuthenticatorData.create(
            self.rp_hash, FLAG.UP | FLAG.UV | FLAG.AT, self.counter, credential
        )
        attestation = AttestationObject.create("none", auth_data, {})
        return {
            "id": websafe_encode(self.credential_id),
            "rawId": websafe_encode(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": websafe_encode(client_data),
                "attestationObject": websafe_encode(attestation),
            },
            "clientExtensionResults": {},
        }

    def get(self, options: dict) -> dict:
        self.counter += 1
        client_data = CollectedClientData.create(
            "webauthn.get", options["publicKey"]["challenge"], ORIGIN
        )
        auth_data = AuthenticatorData.create(
            self.rp_hash, FLAG.UP | FLAG.UV, self.counter
        )
        signature = self.private.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return {
            "id": websafe_encode(self.credential_id),
            "rawId": websafe_encode(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": websafe_encode(client_data),
                "authenticatorData": websafe_encode(auth_data),
                "signature": websafe_encode(signature),
                "userHandle": None,
            },
            "clientExtensionResults": {},
        }


def page_data(response) -> dict:
    """The options the page hands to the browser, as the browser would read them."""
    return json.loads(DATA.search(response.content.decode()).group(1))


class WebAuthnTestCase(KamratTestCase):
    def setUp(self) -> None:
        super().setUp()
        cache.clear()  # used codes and rate limits are kept there
        self.key = SoftwareKey()
        # These tests read the pages' English wording.
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    def _sign_in_with_code(self, user) -> None:
        self.client.post(
            reverse("account_login"), {"login": user.email, "password": PASSWORD}
        )
        response = self.client.post(reverse("mfa_authenticate"), {"code": totp_code()})
        self.assertEqual(response.status_code, 302)

    def _confirm_password(self) -> None:
        response = self.client.post(
            reverse("account_reauthenticate"), {"password": PASSWORD}
        )
        self.assertEqual(response.status_code, 302)

    def _add_key(self, name: str = "Blue key"):
        page = self.client.get(reverse("mfa_add_webauthn"))
        self.assertEqual(page.status_code, 200)
        credential = self.key.create(page_data(page)["creation_options"])
        return self.client.post(
            reverse("mfa_add_webauthn"),
            {"name": name, "credential": json.dumps(credential)},
        )

    def assert_no_executable_script(self, response) -> None:
        """Scripts are files from our own origin, or JSON data that is never run."""
        self.assertIn("script-src 'self'", response["Content-Security-Policy"])
        for tag in SCRIPT.findall(response.content.decode()):
            self.assertTrue("src=" in tag or 'type="application/json"' in tag, msg=tag)

    def test_it_lists_keys_and_explains_them(self) -> None:
        self._sign_in_with_code(self.ada)
        response = self.client.get(
            reverse("mfa_list_webauthn"), headers={"Accept-Language": "en"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "You have not added a security key yet.")
        self.assertContains(response, "passkey built into your phone")
        self.assertContains(
            response, "the code from your authenticator app always works"
        )
        self.assertContains(response, reverse("mfa_add_webauthn"))
        self.assert_no_executable_script(response)

    def test_the_two_step_page_links_to_keys(self) -> None:
        self._sign_in_with_code(self.ada)
        self._confirm_password()
        response = self.client.get(reverse("mfa_index"))
        self.assertContains(response, reverse("mfa_list_webauthn"))

    def test_it_adds_a_key_with_its_name(self) -> None:
        self._sign_in_with_code(self.ada)
        self._confirm_password()
        page = self.client.get(reverse("mfa_add_webauthn"))
        self.assert_no_executable_script(page)
        self.assertContains(page, "/static/accounts/webauthn.js")
        self.assertContains(page, 'data-webauthn="add"')
        self.assertContains(page, "Security keys need JavaScript")
        response = self._add_key("Blue key")
        self.assertRedirects(
            response, reverse("mfa_index"), fetch_redirect_response=False
        )
        key = Authenticator.objects.get(user=self.ada, type="webauthn")
        self.assertEqual(key.wrap().name, "Blue key")
        listing = self.client.get(reverse("mfa_list_webauthn"))
        self.assertContains(listing, "Blue key")

    def test_a_forged_key_answer_adds_nothing(self) -> None:
        self._sign_in_with_code(self.ada)
        self._confirm_password()
        page = self.client.get(reverse("mfa_add_webauthn"))
        options = page_data(page)["creation_options"]
        options["publicKey"]["challenge"] = websafe_encode(b"not the challenge" * 2)
        # A forged answer, and hand-made shapes that fido2 fails on in
        # different ways (a missing rawId raised KeyError before).
        shapes = ['{"id": 1}', '{"id": "a", "rawId": 5, "response": []}', "[]"]
        for credential in (json.dumps(self.key.create(options)), "x", *shapes):
            with self.subTest(credential=credential[:20]):
                response = self.client.post(
                    reverse("mfa_add_webauthn"),
                    {"name": "Forged", "credential": credential},
                )
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "form-errors")
        self.assertFalse(Authenticator.objects.filter(type="webauthn").exists())

    def test_it_renames_and_removes_a_key(self) -> None:
        self._sign_in_with_code(self.ada)
        self._confirm_password()
        self._add_key("Blue key")
        key = Authenticator.objects.get(user=self.ada, type="webauthn")
        edit = reverse("mfa_edit_webauthn", kwargs={"pk": key.pk})
        self.assertEqual(self.client.get(edit).status_code, 200)
        response = self.client.post(edit, {"name": "Work phone"})
        self.assertRedirects(
            response, reverse("mfa_list_webauthn"), fetch_redirect_response=False
        )
        key.refresh_from_db()
        self.assertEqual(key.wrap().name, "Work phone")
        confirm = self.client.get(reverse("mfa_reauthenticate_webauthn"))
        self.assertContains(confirm, 'data-webauthn="authenticate"')
        self.assert_no_executable_script(confirm)
        remove = reverse("mfa_remove_webauthn", kwargs={"pk": key.pk})
        self.assertContains(self.client.get(remove), "Work phone")
        self.client.post(remove)
        self.assertFalse(Authenticator.objects.filter(pk=key.pk).exists())
        # The app still guards the account.
        self.assertTrue(
            Authenticator.objects.filter(user=self.ada, type="totp").exists()
        )

    def test_someone_elses_key_is_not_found(self) -> None:
        self._sign_in_with_code(self.ada)
        self._confirm_password()
        self._add_key()
        key = Authenticator.objects.get(user=self.ada, type="webauthn")
        self.client.logout()
        self.login(self.sam)
        self.client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        for name in ("mfa_edit_webauthn", "mfa_remove_webauthn"):
            with self.subTest(name=name):
                url = reverse(name, kwargs={"pk": key.pk})
                self.assertEqual(self.client.get(url).status_code, 404)
                self.assertEqual(
                    self.client.post(url, {"name": "Mine"}).status_code, 404
                )
        key.refresh_from_db()
        self.assertEqual(key.wrap().name, "Blue key")

    def test_sign_in_offers_the_key_only_to_those_who_have_one(self) -> None:
        self.client.post(
            reverse("account_login"), {"login": self.ada.email, "password": PASSWORD}
        )
        response = self.client.get(reverse("mfa_authenticate"))
        self.assertNotContains(response, 'data-webauthn="authenticate"')
        self.assertNotContains(response, "webauthn.js")

    def test_it_signs_in_with_the_key_instead_of_the_code(self) -> None:
        self._sign_in_with_code(self.ada)
        self._confirm_password()
        self._add_key()
        self.client.post(reverse("account_logout"))
        self.client.post(
            reverse("account_login"), {"login": self.ada.email, "password": PASSWORD}
        )
        page = self.client.get(
            reverse("mfa_authenticate"), headers={"Accept-Language": "en"}
        )
        self.assertContains(page, 'data-webauthn="authenticate"')
        self.assertContains(page, "Or use your security key")
        self.assert_no_executable_script(page)
        answer = self.key.get(page_data(page)["request_options"])
        response = self.client.post(
            reverse("mfa_authenticate"), {"credential": json.dumps(answer)}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.client.get("/home/").status_code, 200)
        self.assertTrue(self.client.session[TWO_FACTOR_KEY])

    def test_a_wrong_key_does_not_sign_in(self) -> None:
        self._sign_in_with_code(self.ada)
        self._confirm_password()
        self._add_key()
        self.client.post(reverse("account_logout"))
        self.client.post(
            reverse("account_login"), {"login": self.ada.email, "password": PASSWORD}
        )
        page = self.client.get(reverse("mfa_authenticate"))
        answer = SoftwareKey().get(page_data(page)["request_options"])
        shapes = ('{"id": 1}', '{"id": "a", "rawId": "a", "response": {}}', "[]")
        for credential in (json.dumps(answer), "{}", "not json", *shapes):
            with self.subTest(credential=credential[:10]):
                response = self.client.post(
                    reverse("mfa_authenticate"), {"credential": credential}
                )
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "form-errors")
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_a_key_alone_meets_the_staff_requirement(self) -> None:
        """allauth adds recovery codes with the first key; no app is needed."""
        cleo = make_user(name="Cleo Coordinator")
        make_membership(
            user=cleo, program=self.program, role=Role.COORDINATOR, two_factor=False
        )
        self.client.post(
            reverse("account_login"), {"login": cleo.email, "password": PASSWORD}
        )
        self.assertEqual(self.client.get(reverse("mfa_list_webauthn")).status_code, 200)
        self._confirm_password()
        response = self._add_key()
        self.assertRedirects(
            response, reverse("mfa_view_recovery_codes"), fetch_redirect_response=False
        )
        types = set(cleo.authenticator_set.values_list("type", flat=True))
        self.assertEqual(types, {"webauthn", "recovery_codes"})
        self.assertEqual(self.client.get("/home/").status_code, 200)

    def test_our_key_templates_have_no_handler_attributes(self) -> None:
        folder = SRC / "accounts" / "templates" / "mfa" / "webauthn"
        templates = list(folder.rglob("*.html"))
        self.assertGreaterEqual(len(templates), 6)
        for path in templates:
            with self.subTest(path=path.name):
                text = path.read_text()
                self.assertFalse(HANDLER.search(text))
                self.assertNotIn("<script>", text)
