"""Paper-slip codes and the accounts that start without an email address."""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kamrat.accounts.models import Role, User
from kamrat.accounts.services import membership_grant, user_create
from kamrat.programs.models import Program, Workplace

from ..models import AccessCode

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
CODE_LENGTH = 10
VALID_DAYS = 60


def normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch in ALPHABET)


def _hash(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def pretty(code: str) -> str:
    return "-".join(code[i : i + 5] for i in range(0, len(code), 5))


@transaction.atomic
def access_codes_create(
    *, program: Program, by: User, count: int, workplace: Workplace | None = None
) -> list[str]:
    """Make codes to print; returns them once, in readable form."""
    if not 1 <= count <= 50:
        raise ValidationError(_("Make between 1 and 50 codes at a time."))
    if workplace is not None and workplace.program_id != program.pk:
        raise ValidationError(_("Choose a workplace in this programme."))
    codes = []
    for _i in range(count):
        code = "".join(secrets.choice(ALPHABET) for _j in range(CODE_LENGTH))
        AccessCode.objects.create(
            program=program,
            workplace=workplace,
            code_hash=_hash(code),
            created_by=by,
            expires_at=timezone.now() + timedelta(days=VALID_DAYS),
        )
        codes.append(pretty(code))
    return codes


@transaction.atomic
def access_code_redeem(*, code: str, name: str, language: str) -> tuple[User, Program]:
    """Start as a guest with a code; the same code never works twice."""
    found = (
        AccessCode.objects.select_for_update()
        .select_related("program")
        .filter(code_hash=_hash(code), used_at__isnull=True)
        .first()
    )
    if found is None or found.expires_at <= timezone.now():
        raise ValidationError(_("That code does not work. Check it, or ask the staff."))
    found.used_at = timezone.now()
    found.save(update_fields=["used_at"])
    name = name.strip()[:120] or _("Guest")
    user = user_create(email=None, name=name, preferred_language=language)
    membership_grant(user=user, program=found.program, role=Role.PARTICIPANT)
    return user, found.program


@transaction.atomic
def account_keep(*, user: User, email: str, password: str) -> User:
    """A guest keeps their account by adding an email address and a password."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
        raise ValidationError(
            _("That email address already has an account. Sign in with it instead.")
        )
    user.email = email
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save(update_fields=["email", "password"])
    return user


@transaction.atomic
def participant_register(
    *, program: Program, name: str, email: str, password: str, language: str
) -> User:
    """First-time sign-up from a programme's public page, as a participant."""
    if User.objects.filter(email__iexact=email.strip()).exists():
        raise ValidationError(
            _("That email address already has an account. Sign in with it instead.")
        )
    user = User(email=email.strip().lower(), name=name.strip())
    validate_password(password, user)
    user = user_create(
        email=email, name=name, password=password, preferred_language=language
    )
    membership_grant(user=user, program=program, role=Role.PARTICIPANT)
    return user
