from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are made by programmes, not by open sign-up (yet)."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
