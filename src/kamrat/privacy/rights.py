"""A person's rights over their data: export (GDPR art. 15, 20), erasure (art. 17),
and retention.

Every kamrat app that holds personal data has a module `rights.py` with:

- `export(user) -> dict`: only this person's own data, JSON-serialisable,
  encrypted fields decrypted, times as ISO 8601 strings;
- `erase(user) -> None`: removes or anonymises this person's data in that app;
- optionally `retain(*, now) -> int`: removes personal data past its retention
  period and returns how many rows were touched;
- optionally `TITLE`, `LABELS` (key -> label) and `VALUES` (key -> {code: label})
  so the "my data" page can show the export in words instead of codes.

This module finds them by importing `<app>.rights` for every installed app whose
name starts with `kamrat.`, and is itself the privacy app's hook (consents and the
access log).
"""

from datetime import datetime, timedelta
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kamrat.accounts.models import STAFF_ROLES, Membership, Role, User

from .models import AccessEntry, ConsentEvent, ConsentKind

SCHEMA_VERSION = 1
# The participant reads their access log for two years; after that it goes.
ACCESS_LOG_KEPT_FOR = timedelta(days=730)

TITLE = _("Consents and who has looked")
LABELS = {
    "consents": _("What you have agreed to"),
    "access_log": _("Who has looked at your data"),
    "programme": _("Programme"),
    "kind": _("Consent"),
    "granted": _("Agreed"),
    "workplace": _("Ward or clinic"),
    "at": _("When"),
    "text_version": _("Version of the text"),
    "text": _("The text you saw"),
    "reader_name": _("Name"),
    "reader_role": _("Role"),
    "reader_unit": _("Unit"),
    "what": _("What"),
    "purpose": _("Why"),
}
VALUES = {
    "kind": dict(ConsentKind.choices),
    "reader_role": dict(Role.choices),
    "what": dict(AccessEntry.What.choices),
    "purpose": dict(AccessEntry.Purpose.choices),
}


# The privacy app's own hook -------------------------------------------------


def export(user: User) -> dict:
    """Consent events with the words shown, and the access log as the person sees it."""
    consents = ConsentEvent.objects.filter(participant=user).select_related(
        "program", "text", "workplace"
    )
    entries = (
        AccessEntry.objects.filter(
            participant=user, at__gte=timezone.now() - ACCESS_LOG_KEPT_FOR
        )
        .select_related("program")
        .order_by("-at", "-id")
    )
    return {
        "consents": [
            {
                "programme": event.program.name,
                "kind": event.kind,
                "granted": event.granted,
                "workplace": event.workplace.name if event.workplace else None,
                "at": event.at.isoformat(),
                "text_version": event.text.version,
                "text": event.text.text(
                    user.preferred_language or event.program.default_language
                ),
            }
            for event in consents.order_by("at", "id")
        ],
        "access_log": [
            {
                "at": entry.at.isoformat(),
                "reader_name": (
                    entry.reader_name if entry.program.show_reader_names else None
                ),
                "reader_role": entry.reader_role,
                "reader_unit": entry.reader_unit,
                "what": entry.what,
                "purpose": entry.purpose,
            }
            for entry in entries
        ],
    }


def erase(user: User) -> None:
    """Consent events go. Access log entries stay, and lose their link with the user.

    The entries' numbers are part of the hash chain, so they stay; a number that
    points at no one names no one.
    """
    ConsentEvent.objects.filter(participant=user).delete()


def retain(*, now: datetime) -> int:
    """Remove access log entries older than two years, from the oldest end only.

    The chain is checked from the first remaining entry, so removing a prefix
    keeps it verifiable; entries are cut by id so no gap can open in the middle.
    """
    last = AccessEntry.objects.filter(at__lt=now - ACCESS_LOG_KEPT_FOR).aggregate(
        last=Max("id")
    )["last"]
    if last is None:
        return 0
    deleted, _rows = AccessEntry.objects.filter(id__lte=last).delete()
    return deleted


# Orchestration --------------------------------------------------------------


def rights_modules() -> list[tuple[str, ModuleType]]:
    """(app label, module) for every kamrat app with a `rights.py`, in app order."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("kamrat."):
            continue
        name = f"{config.name}.rights"
        try:
            module = import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        found.append((config.label, module))
    return found


def can_erase_self(user: User) -> bool:
    """Staff accounts are closed by a coordinator, not by the person themselves.

    Their name stands in the access log and in colleagues' contacts, which a
    coordinator has to hand over first.
    """
    if user.is_staff or user.is_superuser:  # the admin site's people
        return False
    if Membership.objects.filter(user=user, role__in=STAFF_ROLES).exists():
        return False  # any staff role, now or before
    return True


def person_export(*, user: User, now: datetime | None = None) -> dict:
    """Everything Kamrat holds about the person, from every app, in one document."""
    now = now or timezone.now()
    return {
        "schema": "kamrat-personal-data",
        "schema_version": SCHEMA_VERSION,
        "exported_at": now.isoformat(),
        "data": {label: module.export(user) for label, module in rights_modules()},
    }


@transaction.atomic
def person_erase(*, user: User) -> None:
    """Erase the person in every app, then delete their account, in one transaction.

    Raises PermissionError for staff (see `can_erase_self`). What stays is
    anonymous: pairings and meetings without a participant, access log entries
    without a link.
    """
    if not can_erase_self(user):
        raise PermissionError("staff accounts are closed by a coordinator")
    # Accounts goes last, so the other apps still see the person's roles as they erase.
    for _label, module in sorted(rights_modules(), key=lambda m: m[0] == "accounts"):
        module.erase(user)
    User.objects.filter(pk=user.pk).delete()


@transaction.atomic
def retention_run(*, now: datetime) -> dict[str, int]:
    """Run every app's retention, then delete guest accounts with nothing left.

    A guest came with a paper code and has no email address or password, so
    they cannot sign in again once their session is gone. Past the retention
    period without a sign-in, with no contact or request left, the account goes.
    """
    counts = {}
    for label, module in rights_modules():
        retain = getattr(module, "retain", None)
        if retain is not None:
            counts[label] = retain(now=now)
    cutoff = now - timedelta(days=settings.RETENTION_DAYS)
    guests = (
        User.objects.filter(Q(email__isnull=True) | Q(email=""))
        .filter(
            Q(last_login__lt=cutoff)
            | Q(last_login__isnull=True, date_joined__lt=cutoff)
        )
        .filter(is_staff=False, is_superuser=False)
        .exclude(memberships__role__in=STAFF_ROLES)
    )
    from kamrat.support.models import Pairing, SupportRequest

    busy = set(
        Pairing.objects.filter(participant__in=guests).values_list(
            "participant_id", flat=True
        )
    ) | set(
        SupportRequest.objects.filter(participant__in=guests).values_list(
            "participant_id", flat=True
        )
    )
    erased = 0
    for guest in guests.exclude(pk__in=busy).distinct():
        person_erase(user=guest)
        erased += 1
    counts["guests"] = erased
    return counts
