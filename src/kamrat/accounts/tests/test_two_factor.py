"""Coordinators, programme admins and superusers sign in with a second factor."""

from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch
from django.utils import translation

from kamrat.accounts.middleware import TWO_FACTOR_SETUP_URLS
from kamrat.accounts.models import Role
from kamrat.core.testing import (
    PASSWORD,
    TOTP_SECRET,
    KamratTestCase,
    make_membership,
    make_user,
    totp_code,
)

SETUP = "/accounts/2fa/totp/activate/"
SAMPLE = {"slug": "harbour", "int": 1, "str": "x", "path": "x"}


def every_url(resolver=None, prefix: str = "") -> list[str]:
    """Each named URL of the site, its parameters filled with sample values."""
    found = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = pattern.namespace or ""
            inner = f"{prefix}{namespace}:" if namespace else prefix
            found += every_url(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            if pattern.name in TWO_FACTOR_SETUP_URLS:
                continue
            kwargs = {
                name: SAMPLE.get(type(conv).__name__.replace("Converter", "").lower())
                for name, conv in pattern.pattern.converters.items()
            }
            try:
                found.append(reverse(f"{prefix}{pattern.name}", kwargs=kwargs))
            except NoReverseMatch:
                continue
    return found


class TwoFactorRequiredTestCase(KamratTestCase):
    def setUp(self) -> None:
        cache.clear()  # used codes are remembered there, per user id
        self.cleo = make_user(name="Cleo Coordinator")
        make_membership(
            user=self.cleo,
            program=self.program,
            role=Role.COORDINATOR,
            two_factor=False,
        )

    def test_coordinator_without_app_is_sent_to_setup_from_every_page(self) -> None:
        self.login(self.cleo)
        urls = every_url()
        self.assertGreater(len(urls), 30)
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertRedirects(response, SETUP, fetch_redirect_response=False)

    def test_htmx_request_is_sent_to_setup_by_htmx_redirect(self) -> None:
        self.login(self.cleo)
        response = self.client.get("/home/", headers={"HX-Request": "true"})
        self.assertEqual(response["HX-Redirect"], SETUP)

    def test_setup_page_explains_why_and_shows_the_key_as_text(self) -> None:
        self._sign_in_with_password(self.cleo)
        with translation.override("en"):
            response = self.client.get(SETUP, headers={"Accept-Language": "en"})
        self.assertContains(response, "people in your role sign in with a code")
        secret = self.client.session["mfa.totp.secret"]
        self.assertContains(
            response,
            f'<code class="slip__code" id="totp-secret">{secret}</code>',
            html=False,
        )
        self.assertContains(response, 'src="data:image/svg+xml;base64,')
        self.assertNotContains(response, "<script>")

    def test_after_turning_on_the_app_the_coordinator_gets_in(self) -> None:
        self._sign_in_with_password(self.cleo)
        self.client.get(SETUP)
        secret = self.client.session["mfa.totp.secret"]
        response = self.client.post(SETUP, {"code": totp_code(secret)})
        self.assertRedirects(
            response, reverse("mfa_view_recovery_codes"), fetch_redirect_response=False
        )
        self.assertTrue(
            Authenticator.objects.filter(user=self.cleo, type="totp").exists()
        )
        codes = self.client.get(reverse("mfa_view_recovery_codes"))
        self.assertEqual(codes.content.count(b"<li><code>"), 10)
        self.assertEqual(self.client.get("/home/").status_code, 200)
        queue = self.client.get(reverse("support:queue", args=["harbour"]))
        self.assertEqual(queue.status_code, 200)

    def test_a_wrong_setup_code_turns_nothing_on(self) -> None:
        self._sign_in_with_password(self.cleo)
        self.client.get(SETUP)
        response = self.client.post(
            SETUP, {"code": "000000"}, headers={"Accept-Language": "sv"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "field--invalid")
        self.assertFalse(Authenticator.objects.filter(user=self.cleo).exists())

    def test_programme_admin_and_superuser_are_asked_too(self) -> None:
        bea = make_user(name="Bea Admin")
        make_membership(
            user=bea, program=self.program, role=Role.PROGRAM_ADMIN, two_factor=False
        )
        root = make_user(name="Rut Root", is_superuser=True, is_staff=True)
        for person in (bea, root):
            with self.subTest(person=person.name):
                self.client.force_login(person)
                response = self.client.get("/home/")
                self.assertRedirects(response, SETUP, fetch_redirect_response=False)
                self.assertEqual(self.client.get("/admin/").status_code, 302)

    def test_participant_supporter_and_workplace_contact_are_not_asked(self) -> None:
        for person in (self.pia, self.sam, self.wanda, self.olle):
            with self.subTest(person=person.name):
                self.login(person)
                self.assertEqual(self.client.get("/home/").status_code, 200)

    def test_an_inactive_coordinator_membership_does_not_ask(self) -> None:
        self.cleo.memberships.update(is_active=False)
        self.login(self.cleo)
        self.assertEqual(self.client.get("/home/").status_code, 200)

    def test_sign_out_and_language_still_work_before_setup(self) -> None:
        self.login(self.cleo)
        response = self.client.post("/language/", {"language": "da", "next": "/"})
        self.assertEqual(response.status_code, 302)
        self.cleo.refresh_from_db()
        self.assertEqual(self.cleo.preferred_language, "da")
        self.assertEqual(self.client.get("/healthz").status_code, 200)
        self.assertEqual(self.client.get("/no-such-page/").status_code, 404)
        self.client.post(reverse("account_logout"))
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_turning_the_app_off_sends_the_coordinator_back_to_setup(self) -> None:
        self._sign_in_with_code(self.ada)
        self.assertEqual(self.client.get("/home/").status_code, 200)
        response = self.client.post(reverse("mfa_deactivate_totp"))
        self.assertEqual(response.status_code, 302)
        self.assertFalse(
            Authenticator.objects.filter(user=self.ada, type="totp").exists()
        )
        response = self.client.get("/home/")
        self.assertRedirects(response, SETUP, fetch_redirect_response=False)

    def _sign_in_with_password(self, user) -> None:
        """Sign in, then confirm the password as allauth asks before 2FA changes."""
        response = self.client.post(
            reverse("account_login"), {"login": user.email, "password": PASSWORD}
        )
        self.assertEqual(response.status_code, 302)
        response = self.client.post(
            reverse("account_reauthenticate"), {"password": PASSWORD}
        )
        self.assertEqual(response.status_code, 302)

    def _sign_in_with_code(self, user) -> None:
        response = self.client.post(
            reverse("account_login"), {"login": user.email, "password": PASSWORD}
        )
        self.assertEqual(response.status_code, 302)
        response = self.client.post(
            reverse("mfa_authenticate"), {"code": totp_code(TOTP_SECRET)}
        )
        self.assertEqual(response.status_code, 302)
        response = self.client.post(
            reverse("account_reauthenticate"), {"password": PASSWORD}
        )
        self.assertEqual(response.status_code, 302)


class SignInCodeTestCase(KamratTestCase):
    def setUp(self) -> None:
        cache.clear()  # used codes are remembered there, per user id

    def test_signing_in_with_an_app_asks_for_the_code(self) -> None:
        response = self.client.post(
            reverse("account_login"), {"login": self.ada.email, "password": PASSWORD}
        )
        self.assertRedirects(
            response, reverse("mfa_authenticate"), fetch_redirect_response=False
        )
        self.assertNotIn("_auth_user_id", self.client.session)
        page = self.client.get(reverse("mfa_authenticate"))
        self.assertContains(page, 'autocomplete="one-time-code"')
        response = self.client.post(reverse("mfa_authenticate"), {"code": totp_code()})
        self.assertRedirects(response, "/home/", fetch_redirect_response=False)
        self.assertEqual(int(self.client.session["_auth_user_id"]), self.ada.pk)

    def test_a_wrong_code_is_refused_with_a_translated_message(self) -> None:
        self.client.post(
            reverse("account_login"), {"login": self.ada.email, "password": PASSWORD}
        )
        wrong = "000000" if totp_code() != "000000" else "111111"
        for language, text in (("sv", "Felaktig kod."), ("da", "Forkert kode.")):
            with self.subTest(language=language):
                response = self.client.post(
                    reverse("mfa_authenticate"),
                    {"code": wrong},
                    headers={"Accept-Language": language},
                )
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, text)
                self.assertContains(response, 'aria-invalid="true"')
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_a_recovery_code_works_once_instead_of_the_app(self) -> None:
        from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

        code = RecoveryCodes(
            Authenticator.objects.get(user=self.ada, type="recovery_codes")
        ).get_unused_codes()[0]
        for expected in (302, 200):
            self.client.logout()
            self.client.post(
                reverse("account_login"),
                {"login": self.ada.email, "password": PASSWORD},
            )
            response = self.client.post(reverse("mfa_authenticate"), {"code": code})
            self.assertEqual(response.status_code, expected)

    def test_the_secret_is_encrypted_at_rest(self) -> None:
        stored = Authenticator.objects.get(user=self.ada, type="totp").data["secret"]
        self.assertNotIn(TOTP_SECRET, stored)

    def test_the_admin_site_signs_in_through_our_page(self) -> None:
        response = self.client.get("/admin/login/")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("account_login")))

    def test_the_demo_shows_the_code_only_in_the_demo(self) -> None:
        from kamrat.core.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, demo_load

        demo_load()
        for demo, shown in ((False, False), (True, True)):
            with self.subTest(demo=demo), self.settings(DEMO=demo):
                self.client.logout()
                self.client.post(
                    reverse("account_login"),
                    {"login": "ada@unga-vuxna.kamrat.test", "password": DEMO_PASSWORD},
                )
                page = self.client.get(reverse("mfa_authenticate"))
                code = totp_code(DEMO_TOTP_SECRET)
                self.assertEqual(
                    f'<code class="slip__code">{code}</code>' in page.content.decode(),
                    shown,
                )
