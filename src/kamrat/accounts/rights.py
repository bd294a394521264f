"""A person's rights over their account: what we hold, and removing it.

See `kamrat.privacy.rights` for the contract every app's `rights.py` follows.
"""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.utils.translation import gettext_lazy as _

from .models import Membership, Role, User

TITLE = _("Your account")
LABELS = {
    "profile": _("Profile"),
    "name": _("Name"),
    "email": _("Email address"),
    "preferred_language": _("Language"),
    "joined_at": _("Joined"),
    "last_sign_in_at": _("Last signed in"),
    "memberships": _("Programmes"),
    "programme": _("Programme"),
    "role": _("Role"),
    "workplace": _("Workplace"),
    "active": _("Active"),
    "since": _("Since"),
}
VALUES = {
    "role": dict(Role.choices),
    "preferred_language": {"sv": "Svenska", "da": "Dansk", "en": "English"},
}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def export(user: User) -> dict:
    """The profile and the person's roles in programmes."""
    memberships = Membership.objects.filter(user=user).select_related(
        "program", "workplace"
    )
    return {
        "profile": {
            "name": user.name,
            "email": user.email,
            "preferred_language": user.preferred_language,
            "joined_at": _iso(user.date_joined),
            "last_sign_in_at": _iso(user.last_login),
        },
        "memberships": [
            {
                "programme": m.program.name,
                "role": m.role,
                "workplace": m.workplace.name if m.workplace else None,
                "active": m.is_active,
                "since": _iso(m.created_at),
            }
            for m in memberships.order_by("created_at", "id")
        ],
    }


def erase(user: User) -> None:
    """Remove roles, sign-in addresses and admin history that names the person.

    The user row itself is deleted last, by the orchestration in privacy.
    """
    from allauth.account.models import EmailAddress
    from django.contrib.admin.models import LogEntry

    Membership.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    # An admin's change history keeps the changed object's name as text.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).delete()


def retain(*, now: datetime) -> int:
    """Expired sign-ins still hold a user id; they are of no use to anyone."""
    deleted, _rows = Session.objects.filter(expire_date__lt=now).delete()
    return deleted
