"""A person's rights over urgent concerns raised about them.

A concern is kept as a count (programme, time, urgency, status) once the person
is erased or the retention period has passed; who it was about and how to reach
them go.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kamrat.accounts.models import User

from .models import Concern, ConcernAlert

TITLE = _("Urgent concerns")
LABELS = {
    "concerns_about_you": _("Urgent concerns a peer supporter raised about you"),
    "programme": _("Programme"),
    "raised_at": _("Raised"),
    "urgency": _("How urgent"),
    "reach": _("How to reach you"),
    "status": _("Status"),
}
VALUES = {
    "urgency": dict(Concern.Urgency.choices),
    "reach": dict(Concern.Reach.choices),
    "status": dict(Concern.Status.choices),
}
FORGOTTEN = {
    "participant": None,
    "pairing": None,
    "first_name": "",
    "contact_detail": "",
}


def export(user: User) -> dict:
    """Concerns about the person; the contact detail is theirs, so it is included."""
    return {
        "concerns_about_you": [
            {
                "programme": concern.program.name,
                "raised_at": concern.raised_at.isoformat(),
                "urgency": concern.urgency,
                "reach": concern.reach,
                "contact_detail": concern.contact_detail,
                "status": concern.status,
            }
            for concern in Concern.objects.filter(participant=user)
            .select_related("program")
            .order_by("raised_at")
        ]
    }


def erase(user: User) -> None:
    """Unlink the person from concerns about them and drop how to reach them."""
    Concern.objects.filter(participant=user).update(**FORGOTTEN)


def retain(*, now: datetime) -> int:
    """Concerns answered before the cut-off keep only what counts."""
    cutoff = now - timedelta(days=settings.RETENTION_DAYS)
    answered = ~Q(status=Concern.Status.OPEN) & Q(raised_at__lt=cutoff)
    touched = (
        Concern.objects.filter(answered)
        .filter(
            Q(participant__isnull=False)
            | Q(pairing__isnull=False)
            | ~Q(first_name="")
            | ~Q(contact_detail="")
        )
        .update(**FORGOTTEN)
    )
    deleted, _rows = ConcernAlert.objects.filter(created_at__lt=cutoff).delete()
    return touched + deleted
