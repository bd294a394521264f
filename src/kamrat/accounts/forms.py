"""Two-factor forms that refuse a malformed key answer instead of failing.

allauth parses the WebAuthn answer with fido2 and catches only some of the
errors a hand-made answer can raise; these check the shape first, so anything
a person can send gets allauth's own "incorrect code" message.
"""

from typing import Any

from allauth.mfa.adapter import get_adapter
from allauth.mfa.webauthn.forms import (
    AddWebAuthnForm,
    AuthenticateWebAuthnForm,
    ReauthenticateWebAuthnForm,
)
from fido2.webauthn import AuthenticationResponse, RegistrationResponse

MALFORMED = (KeyError, TypeError, ValueError, AttributeError, IndexError)


def _well_formed(kind: type, credential: Any) -> Any:
    try:
        kind.from_dict(credential)
    except MALFORMED:
        raise get_adapter().validation_error("incorrect_code") from None
    return credential


class AddKeyForm(AddWebAuthnForm):
    def clean_credential(self) -> Any:
        return _well_formed(RegistrationResponse, self.cleaned_data["credential"])


class KeyForm(AuthenticateWebAuthnForm):
    def clean_credential(self):
        _well_formed(AuthenticationResponse, self.cleaned_data["credential"])
        return super().clean_credential()


class ReauthenticateKeyForm(ReauthenticateWebAuthnForm):
    def clean_credential(self):
        _well_formed(AuthenticationResponse, self.cleaned_data["credential"])
        return super().clean_credential()
