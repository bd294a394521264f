"""The strict content security policy holds on every page, sign-in steps too."""

import re
from pathlib import Path

from django.core.cache import cache
from django.urls import reverse

from kamrat.core.testing import PASSWORD, KamratTestCase

SRC = Path(__file__).resolve().parents[2]
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I)
HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)


class CspHeaderTestCase(KamratTestCase):
    def setUp(self) -> None:
        cache.clear()

    def assert_strict(self, response) -> None:
        policy = response["Content-Security-Policy"]
        directives = dict(
            part.strip().split(" ", 1) for part in policy.split(";") if part.strip()
        )
        self.assertEqual(directives["script-src"], "'self'")
        self.assertEqual(directives["default-src"], "'self'")
        self.assertEqual(directives["img-src"], "'self' data:")
        self.assertEqual(directives["frame-ancestors"], "'none'")
        self.assertNotIn("unsafe-inline", policy)
        self.assertNotIn("unsafe-eval", policy)
        self.assertFalse(INLINE_SCRIPT.search(response.content.decode()))

    def test_public_pages_carry_the_policy(self) -> None:
        for url in ("/", reverse("account_login"), "/no-such-page/"):
            with self.subTest(url=url):
                self.assert_strict(self.client.get(url))

    def test_two_factor_pages_carry_the_policy(self) -> None:
        self.client.post(
            reverse("account_login"), {"login": self.ada.email, "password": PASSWORD}
        )
        self.assert_strict(self.client.get(reverse("mfa_authenticate")))
        self.login(self.ada)
        self.client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        for name in ("mfa_index", "mfa_deactivate_totp", "mfa_view_recovery_codes"):
            with self.subTest(name=name):
                response = self.client.get(reverse(name))
                self.assertEqual(response.status_code, 200)
                self.assert_strict(response)

    def test_setup_and_lockout_pages_carry_the_policy(self) -> None:
        self.login(self.pia)
        self.client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        response = self.client.get(reverse("mfa_activate_totp"))
        self.assertEqual(response.status_code, 200)
        self.assert_strict(response)
        self.client.logout()
        for _ in range(5):
            response = self.client.post(
                reverse("account_login"), {"login": self.pia.email, "password": "no"}
            )
        self.assertEqual(response.status_code, 429)
        self.assert_strict(response)


class TemplateScanTestCase(KamratTestCase):
    def test_no_template_has_inline_script_or_handler_attributes(self) -> None:
        templates = [
            path for path in SRC.rglob("templates/**/*.html") if path.is_file()
        ]
        self.assertGreater(len(templates), 20)
        found = []
        for path in templates:
            text = path.read_text()
            for pattern in (INLINE_SCRIPT, HANDLER):
                for match in pattern.finditer(text):
                    found.append(f"{path.relative_to(SRC)}: {match.group(0)[:80]}")
        self.assertEqual(found, [])

    def test_the_scan_would_notice(self) -> None:
        self.assertTrue(INLINE_SCRIPT.search("<script>alert(1)</script>"))
        self.assertTrue(INLINE_SCRIPT.search('<script type="module">x()</script>'))
        self.assertFalse(INLINE_SCRIPT.search('<script src="/static/a.js" defer>'))
        self.assertTrue(HANDLER.search('<button onclick="go()">'))
        self.assertTrue(HANDLER.search("<img src=x\n     onerror='x()'>"))
        self.assertFalse(HANDLER.search("<p>Click on = here</p>"))
