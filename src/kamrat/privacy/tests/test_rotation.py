from io import StringIO

from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings

from kamrat.core.testing import TOTP_SECRET, KamratTestCase
from kamrat.privacy import crypto


class AuthenticatorRotationTests(KamratTestCase):
    """Staff must still sign in once the old key is gone."""

    def test_totp_secrets_move_to_the_newest_key(self) -> None:
        old = list(settings.FIELD_ENCRYPTION_KEYS)
        new = Fernet.generate_key().decode()
        authenticator = Authenticator.objects.get(user=self.ada, type="totp")

        with override_settings(FIELD_ENCRYPTION_KEYS=[new, *old]):
            out = StringIO()
            call_command("rotate_encryption_keys", stdout=out)
        self.assertIn("Re-encrypted authenticators: ", out.getvalue())

        authenticator.refresh_from_db()
        with override_settings(FIELD_ENCRYPTION_KEYS=[new]):
            self.assertEqual(crypto.decrypt(authenticator.data["secret"]), TOTP_SECRET)
        # The old key alone can no longer read it: it really was re-encrypted.
        with self.assertRaises(ImproperlyConfigured):
            crypto.decrypt(authenticator.data["secret"])
