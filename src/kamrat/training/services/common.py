"""Limits and small checks shared by the training services."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Cohort

DEFAULT_WEEKS = 5
MAX_WEEKS = 20
MAX_SESSION_HOURS = 10
# Cohorts are planned ahead and sometimes entered afterwards.
DAYS_AROUND = 2 * 365
NAME_MAX = 120
PLACE_MAX = 200
TOPIC_MAX = 200
THEME_MAX = 160
TITLE_MAX = 200
ORGANISER_MAX = 160
MAX_HOURS = Decimal("999")


def clean_text(value: str, limit: int, *, required: str = "") -> str:
    """Stripped text; `required` is the message when it is empty."""
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(required)
    if len(value) > limit:
        raise ValidationError(_("The text is too long. Please shorten it."))
    return value


def check_day(day: date) -> None:
    today = timezone.localdate()
    if abs((day - today).days) > DAYS_AROUND:
        raise ValidationError(
            _("Choose a day within the last two years or the next two years.")
        )


def check_open(cohort: Cohort) -> None:
    """A completed training is a record: its schedule and attendance stay."""
    if cohort.is_completed:
        raise ValidationError(_("This training is completed, so it is kept as it was."))
