"""Production settings pass Django's deployment checks and set safe cookies."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet
from django.conf import settings
from django.test import SimpleTestCase, TestCase, override_settings
from django.urls import reverse

from kamrat.core.testing import PASSWORD, make_user

ROOT = Path(__file__).resolve().parents[4]


class DeployCheckTestCase(SimpleTestCase):
    def test_check_deploy_finds_nothing_with_production_settings(self) -> None:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", "/tmp"),
            "DJANGO_SETTINGS_MODULE": "kamrat.settings.base",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "peer.example.org",
            "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "DATABASE_URL": "sqlite:////tmp/kamrat-deploy-check.db",
        }
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("System check identified no issues (0 silenced).", result.stdout)


def cookie(response, name: str):
    return response.cookies[name]


@override_settings(
    SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True, LANGUAGE_COOKIE_SECURE=True
)
class CookieTestCase(TestCase):
    """Under production-like settings every cookie is Secure, HttpOnly and Lax."""

    def test_session_cookie(self) -> None:
        user = make_user(name="Pia Participant")
        response = self.client.post(
            reverse("account_login"),
            {"login": user.email, "password": PASSWORD},
            secure=True,
        )
        self.assertEqual(response.status_code, 302)
        morsel = cookie(response, settings.SESSION_COOKIE_NAME)
        self.assertTrue(morsel["secure"])
        self.assertTrue(morsel["httponly"])
        self.assertEqual(morsel["samesite"], "Lax")

    def test_csrf_cookie(self) -> None:
        response = self.client.get(reverse("account_login"), secure=True)
        morsel = cookie(response, settings.CSRF_COOKIE_NAME)
        self.assertTrue(morsel["secure"])
        self.assertTrue(morsel["httponly"])
        self.assertEqual(morsel["samesite"], "Lax")

    def test_language_cookie(self) -> None:
        response = self.client.post(
            "/language/", {"language": "da", "next": "/"}, secure=True
        )
        morsel = cookie(response, settings.LANGUAGE_COOKIE_NAME)
        self.assertTrue(morsel["secure"])
        self.assertTrue(morsel["httponly"])
        self.assertEqual(morsel["samesite"], "Lax")

    def test_production_settings_ask_for_all_of_it(self) -> None:
        from kamrat.settings import base

        self.assertTrue(base.SESSION_COOKIE_HTTPONLY and base.CSRF_COOKIE_HTTPONLY)
        self.assertTrue(base.LANGUAGE_COOKIE_HTTPONLY)
        self.assertEqual(
            {
                base.SESSION_COOKIE_SAMESITE,
                base.CSRF_COOKIE_SAMESITE,
                base.LANGUAGE_COOKIE_SAMESITE,
            },
            {"Lax"},
        )
