"""The period a report covers: two days, or a ready-made period."""

from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2100, 12, 31)
MAX_YEARS = 10
QUARTERS_SHOWN = 5


def years_later(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def last_12_months(today: date) -> tuple[date, date]:
    """A year up to and including today."""
    return years_later(today, -1) + timedelta(days=1), today


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_days(year: int, number: int) -> tuple[date, date]:
    first = date(year, 3 * number - 2, 1)
    after = date(year + 1, 1, 1) if number == 4 else date(year, 3 * number + 1, 1)
    return first, after - timedelta(days=1)


def presets(today: date) -> dict[str, tuple[str, tuple[date, date]]]:
    """value -> (label, (first day, last day)), in the order offered."""
    found = {
        "last_12_months": (str(_("The last 12 months")), last_12_months(today)),
        "this_year": (
            str(_("This year")),
            (date(today.year, 1, 1), date(today.year, 12, 31)),
        ),
        "last_year": (
            str(_("Last year")),
            (date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)),
        ),
    }
    year, number = quarter_of(today)
    for _step in range(QUARTERS_SHOWN):
        found[f"{year}-q{number}"] = (
            str(_("Quarter %(number)s of %(year)s") % {"number": number, "year": year}),
            quarter_days(year, number),
        )
        year, number = (year, number - 1) if number > 1 else (year - 1, 4)
    return found


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    """Read from the query string; anything odd falls back to the last 12 months."""

    start = forms.DateField(
        label=_("First day"),
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": _("Write the first day as YYYY-MM-DD.")},
    )
    end = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": _("Write the last day as YYYY-MM-DD.")},
    )
    preset = forms.ChoiceField(
        label=_("Or a ready-made period"),
        required=False,
        help_text=_("A ready-made period replaces the days above."),
        error_messages={"invalid_choice": _("Choose one of the periods in the list.")},
    )

    def __init__(self, *args, today: date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.presets = presets(today)
        self.fields["preset"].choices = [("", _("Use the days above"))] + [
            (value, label) for value, (label, _days) in self.presets.items()
        ]

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        if data.get("preset"):
            data["start"], data["end"] = self.presets[data["preset"]][1]
            return data
        start, end = data.get("start"), data.get("end")
        if start is None and end is None:
            data["start"], data["end"] = last_12_months(self.today)
            return data
        if start is None or end is None:
            raise ValidationError(_("Choose both the first and the last day."))
        if not (FIRST_DAY <= start <= LAST_DAY and FIRST_DAY <= end <= LAST_DAY):
            raise ValidationError(_("Choose days between the years 2000 and 2100."))
        if end < start:
            raise ValidationError(_("The last day must not be before the first day."))
        if end >= years_later(start, MAX_YEARS):
            raise ValidationError(_("Choose a period of at most 10 years."))
        return data

    def period(self) -> tuple[date, date]:
        """The chosen days when the form is valid, otherwise the last 12 months."""
        if self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return last_12_months(self.today)
