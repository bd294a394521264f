"""Applicants' data: kept for a while after the call closes, then deleted.

Applicants have no account, so there is nothing to export or erase for a user;
what they sent goes with the retention job. Those who accepted a place stay:
they start the training.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kamrat.accounts.models import User

from .models import Application

TITLE = _("Recruitment")
LABELS: dict = {}
VALUES: dict = {}


def export(user: User) -> dict:
    return {}


def erase(user: User) -> None:
    """Nothing is linked to an account here."""


def retain(*, now: datetime) -> int:
    """Delete applications KAMRAT_APPLICANT_DAYS after their call closed."""
    cutoff = timezone.localdate(now) - timedelta(days=settings.APPLICANT_DAYS)
    _total, rows = (
        Application.objects.filter(call__closes_on__lt=cutoff)
        .exclude(step=Application.Step.ACCEPTED)
        .delete()
    )
    return rows.get("recruitment.Application", 0)
