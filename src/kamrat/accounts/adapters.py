from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.http import HttpRequest
from django.utils import translation

from kamrat.privacy import crypto

from .models import User


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """Accounts are made by programmes, not by open sign-up."""
        return False

    def pre_authenticate(self, request: HttpRequest, **credentials) -> None:
        """Failed passwords are counted by axes alone, per address and IP together.

        allauth's own count is per email address from anywhere, which would let a
        stranger lock a colleague out, and it answers without a time to come back.
        """

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Write to each person in their own language, not the one of the request."""
        language = (
            User.objects.filter(email__iexact=email)
            .values_list("preferred_language", flat=True)
            .first()
        )
        with translation.override(language or translation.get_language()):
            super().send_mail(template_prefix, email, context)


class MFAAdapter(DefaultMFAAdapter):
    """Authenticator secrets are encrypted at rest with FIELD_ENCRYPTION_KEYS."""

    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text)

    def get_totp_issuer(self) -> str:
        return "Kamrat"
