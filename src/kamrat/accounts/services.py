from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kamrat.programs.models import Program, Workplace

from .models import Membership, User


def user_set_language(*, user: User, language: str) -> User:
    """Keep the person's language so every page and email uses it."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("That language is not available."))
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    return user


@transaction.atomic
def user_create(
    *,
    email: str | None,
    name: str,
    password: str | None = None,
    preferred_language: str = "",
) -> User:
    user = User(
        email=email.strip().lower() if email else None,
        name=name,
        preferred_language=language_or_blank(preferred_language),
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


def language_or_blank(language: str) -> str:
    return language if language in dict(settings.LANGUAGES) else ""


@transaction.atomic
def membership_grant(
    *,
    user: User,
    program: Program,
    role: str,
    workplace: Workplace | None = None,
) -> Membership:
    """Give a person a role in a programme, or reactivate the one they had."""
    if workplace is not None and workplace.program_id != program.pk:
        raise ValidationError(_("The workplace belongs to another programme."))
    membership = Membership.objects.filter(
        user=user, program=program, role=role
    ).first() or Membership(user=user, program=program, role=role)
    membership.is_active = True
    membership.workplace = workplace
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def totp_enroll(*, user: User, secret: str) -> None:
    """Give a person an authenticator app with this secret, and recovery codes.

    For setting people up outside a browser (the demo, tests); people themselves
    enrol through allauth's pages, which prove they hold the secret first.
    """
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)


def totp_code_now(*, secret: str) -> str:
    """The code an authenticator app with this secret shows at this moment."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(
        hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD)
    )
