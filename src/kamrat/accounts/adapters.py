from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.utils import translation

from .models import User


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """Accounts are made by programmes, not by open sign-up."""
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Write to each person in their own language, not the one of the request."""
        language = (
            User.objects.filter(email__iexact=email)
            .values_list("preferred_language", flat=True)
            .first()
        )
        with translation.override(language or translation.get_language()):
            super().send_mail(template_prefix, email, context)
