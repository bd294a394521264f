from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kamrat.accounts.models import User
from kamrat.support.models import Pairing

from .models import Concern
from .services.concerns import CONTACT_DETAIL_MAX, FIRST_NAME_MAX

SOMEONE_ELSE = "other"


class ConcernForm(forms.Form):
    """Who, how to reach them and how urgent: on purpose, nothing about health."""

    about = forms.ChoiceField(
        label=_("Who is it about?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who it is about."),
            "invalid_choice": _("Choose who it is about from the list."),
        },
    )
    first_name = forms.CharField(
        label=_("First name, if they are not one of your participants"),
        max_length=FIRST_NAME_MAX,
        required=False,
        error_messages={"max_length": _("Write only the first name.")},
    )
    reach = forms.ChoiceField(
        label=_("How can the coordinator reach them?"),
        choices=Concern.Reach.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how to reach the person."),
            "invalid_choice": _("Choose how to reach the person from the list."),
        },
    )
    contact_detail = forms.CharField(
        label=_("Phone number or place"),
        help_text=_(
            "Only how to reach them, such as a phone number or where they are. "
            "Please do not write anything about their health here."
        ),
        max_length=CONTACT_DETAIL_MAX,
        required=False,
        error_messages={
            "max_length": _("The phone number or place is too long. Please shorten it.")
        },
    )
    urgency = forms.ChoiceField(
        label=_("How urgent is it?"),
        choices=Concern.Urgency.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how urgent it is."),
            "invalid_choice": _("Choose how urgent it is from the list."),
        },
    )

    def __init__(self, *args, pairings: list[Pairing], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.pairings = {str(p.pk): p for p in pairings}
        self.fields["about"].choices = [
            (str(p.pk), p.participant.name) for p in pairings
        ] + [(SOMEONE_ELSE, _("Someone who is not in Kamrat"))]
        self.fields["contact_detail"].widget.attrs["autocomplete"] = "off"

    def clean(self) -> dict:
        data = super().clean()
        if data.get("about") == SOMEONE_ELSE and not data.get("first_name", "").strip():
            self.add_error("first_name", _("Write the person's first name."))
        reach = data.get("reach")
        if reach and reach != Concern.Reach.SUPPORTER and "contact_detail" in data:
            if not data["contact_detail"].strip():
                self.add_error("contact_detail", _("Write a phone number or a place."))
        return data

    def pairing(self) -> Pairing | None:
        return self.pairings.get(self.cleaned_data["about"])


class ShiftForm(forms.Form):
    """A shift in the programme's own time; an end before the start is next day."""

    person = forms.ModelChoiceField(
        label=_("Who is on call"),
        queryset=User.objects.none(),
        error_messages={
            "required": _("Choose who is on call."),
            "invalid_choice": _("Choose who is on call from the list."),
        },
    )
    day = forms.DateField(
        label=_("Day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Choose the day."),
            "invalid": _("Write the day as YYYY-MM-DD."),
        },
    )
    starts = forms.TimeField(
        label=_("From"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Choose when the shift starts."),
            "invalid": _("Write the time as HH:MM."),
        },
    )
    ends = forms.TimeField(
        label=_("Until"),
        help_text=_("An end before the start means the morning after."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Choose when the shift ends."),
            "invalid": _("Write the time as HH:MM."),
        },
    )

    def __init__(self, *args, staff: list[User], zone: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.zone = ZoneInfo(zone)
        self.fields["person"].queryset = User.objects.filter(
            pk__in=[p.pk for p in staff]
        ).order_by("name")

    def clean(self) -> dict:
        data = super().clean()
        day, starts, ends = data.get("day"), data.get("starts"), data.get("ends")
        if day and starts and ends:
            if starts == ends:
                raise ValidationError(_("A shift must end after it starts."))
            end_day = day if ends > starts else day + timedelta(days=1)
            data["starts_at"] = datetime.combine(day, starts, tzinfo=self.zone)
            data["ends_at"] = datetime.combine(end_day, ends, tzinfo=self.zone)
        return data


class OrderForm(forms.Form):
    """A place in the escalation order for each coordinator and admin."""

    def __init__(self, *args, staff: list[User], current: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = staff
        places = [("", _("Not in the order"))] + [
            (str(n), str(n)) for n in range(1, len(staff) + 1)
        ]
        for person in staff:
            self.fields[f"place_{person.pk}"] = forms.ChoiceField(
                label=person.name,
                choices=places,
                required=False,
                initial=str(current.get(person.pk, "")),
                error_messages={
                    "invalid_choice": _("Choose a place from the list."),
                },
            )

    def clean(self) -> dict:
        data = super().clean()
        chosen = [
            (int(data[f"place_{p.pk}"]), p)
            for p in self.staff
            if data.get(f"place_{p.pk}")
        ]
        places = [place for place, _person in chosen]
        if len(set(places)) != len(places):
            raise ValidationError(_("Give each person a different place."))
        data["people"] = [person for _place, person in sorted(chosen, key=_first)]
        return data


def _first(pair: tuple[int, User]) -> int:
    return pair[0]
