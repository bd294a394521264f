"""Forms only validate what people type; the rules live in services.py.

Choices of people, workplaces and offers are plain strings checked against
what the page offered, so an odd or huge id is a form error, never a query.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kamrat.accounts.models import User
from kamrat.programs.models import Workplace

from .models import (
    DEFAULT_GAP_MINUTES,
    DEFAULT_SLOT_MINUTES,
    Interest,
    MatchingEvent,
    Offer,
)
from .services import (
    DESCRIPTION_MAX,
    GAP_MINUTES,
    HOURS,
    PLACE_MAX,
    PLACES,
    SLOT_MINUTES,
    TITLE_MAX,
)

FAR_DAYS = 3 * 365
FAR_MESSAGE = _("Choose a day within the last year or the next two years.")


def _near(day: date) -> date:
    # Far-off years cannot become a time in every zone; refuse them here.
    if abs((day - timezone.localdate()).days) > FAR_DAYS:
        raise ValidationError(FAR_MESSAGE)
    return day


HOURS_ERRORS = {
    "invalid": _("Write a whole number of hours."),
    "min_value": _("Choose between 1 and 60 hours a week."),
    "max_value": _("Choose between 1 and 60 hours a week."),
}


class EventForm(forms.Form):
    title = forms.CharField(
        label=_("Name of the event"),
        max_length=TITLE_MAX,
        error_messages={
            "required": _("Give the event a name."),
            "max_length": _("The name is too long. Please shorten it."),
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
        label=_("First meeting starts at"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Choose when the first meeting starts."),
            "invalid": _("Write the time as HH:MM."),
        },
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=PLACE_MAX,
        error_messages={
            "required": _("Write where the event is."),
            "max_length": _("The place is too long. Please shorten it."),
        },
    )
    slot_minutes = forms.IntegerField(
        label=_("Minutes per meeting"),
        initial=DEFAULT_SLOT_MINUTES,
        min_value=SLOT_MINUTES[0],
        max_value=SLOT_MINUTES[1],
        error_messages={
            "required": _("Write how many minutes each meeting lasts."),
            "invalid": _("Write a whole number of minutes."),
            "min_value": _("A meeting lasts between 5 and 60 minutes."),
            "max_value": _("A meeting lasts between 5 and 60 minutes."),
        },
    )
    gap_minutes = forms.IntegerField(
        label=_("Minutes between meetings"),
        initial=DEFAULT_GAP_MINUTES,
        min_value=GAP_MINUTES[0],
        max_value=GAP_MINUTES[1],
        help_text=_("Time to say goodbye and find the next table."),
        error_messages={
            "required": _("Write how many minutes there are between meetings."),
            "invalid": _("Write a whole number of minutes."),
            "min_value": _("The break between meetings is 0 to 30 minutes."),
            "max_value": _("The break between meetings is 0 to 30 minutes."),
        },
    )
    cohort = forms.ChoiceField(
        label=_("For the peer supporters of the cohort"),
        required=False,
        error_messages={"invalid_choice": _("Choose a cohort from the list.")},
    )

    def __init__(self, *args, zone: str, cohorts, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.zone = ZoneInfo(zone)
        self.cohorts = {str(c.pk): c for c in cohorts}
        self.fields["cohort"].choices = [("", _("No particular cohort"))] + [
            (pk, c.name) for pk, c in self.cohorts.items()
        ]

    def clean_day(self) -> date:
        return _near(self.cleaned_data["day"])

    def clean_cohort(self):
        return self.cohorts.get(self.cleaned_data["cohort"])

    def clean(self) -> dict:
        data = super().clean()
        day, starts = data.get("day"), data.get("starts")
        if day and starts:
            data["starts_at"] = datetime.combine(day, starts, tzinfo=self.zone)
        return data


class OfferForm(forms.Form):
    description = forms.CharField(
        label=_("What you offer"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "The kind of work, who the peer supporter would meet, and how your "
            "team works. Write nothing about patients or participants."
        ),
        error_messages={
            "required": _("Write a few words about what you offer."),
            "max_length": _("The description is too long. Please shorten it."),
        },
    )
    hours_per_week = forms.IntegerField(
        label=_("Hours per week (if you know)"),
        required=False,
        min_value=HOURS[0],
        max_value=HOURS[1],
        error_messages=HOURS_ERRORS,
    )
    places = forms.IntegerField(
        label=_("How many peer supporters you could take"),
        initial=1,
        min_value=PLACES[0],
        max_value=PLACES[1],
        error_messages={
            "required": _("Write how many peer supporters you could take."),
            "invalid": _("Write a whole number."),
            "min_value": _("Choose between 1 and 20 places."),
            "max_value": _("Choose between 1 and 20 places."),
        },
    )


class InterestForm(forms.Form):
    """A tick for each offer; the label of each choice is the offer itself."""

    offers = forms.MultipleChoiceField(
        label=_("Offers I would like to hear more about"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose among the offers of this event.")},
    )

    def __init__(self, *args, offers: list[Offer], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offers"].choices = [(str(o.pk), o) for o in offers]

    def offer_ids(self) -> set[int]:
        return {int(pk) for pk in self.cleaned_data["offers"]}


class AnswerForm(forms.Form):
    supporters = forms.MultipleChoiceField(
        label=_("We would like to meet"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Choose among the peer supporters interested in your offer."
            )
        },
    )

    def __init__(self, *args, interests: list[Interest], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["supporters"].choices = [
            (str(i.supporter_id), i.supporter.name) for i in interests
        ]

    def supporter_ids(self) -> set[int]:
        return {int(pk) for pk in self.cleaned_data["supporters"]}


class PlacementForm(forms.Form):
    supporter = forms.ChoiceField(
        label=_("Peer supporter"),
        error_messages={
            "required": _("Choose the peer supporter."),
            "invalid_choice": _("Choose a peer supporter of this programme."),
        },
    )
    workplace = forms.ChoiceField(
        label=_("Workplace"),
        error_messages={
            "required": _("Choose the workplace."),
            "invalid_choice": _("Choose a workplace of this programme."),
        },
    )
    starts_on = forms.DateField(
        label=_("First day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Choose the first day."),
            "invalid": _("Write the day as YYYY-MM-DD."),
        },
    )
    hours_per_week = forms.IntegerField(
        label=_("Hours per week (if you know)"),
        required=False,
        min_value=HOURS[0],
        max_value=HOURS[1],
        error_messages=HOURS_ERRORS,
    )
    event = forms.ChoiceField(
        label=_("Met at the matching event"),
        required=False,
        error_messages={"invalid_choice": _("Choose an event from the list.")},
    )

    def __init__(
        self,
        *args,
        supporters: list[User],
        workplaces: list[Workplace],
        events: list[MatchingEvent],
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.supporters = {str(u.pk): u for u in supporters}
        self.workplaces = {str(w.pk): w for w in workplaces}
        self.events = {str(e.pk): e for e in events}
        self.fields["supporter"].choices = [("", "—")] + [
            (pk, u.name) for pk, u in self.supporters.items()
        ]
        self.fields["workplace"].choices = [("", "—")] + [
            (pk, w.name) for pk, w in self.workplaces.items()
        ]
        self.fields["event"].choices = [("", _("Not through an event"))] + [
            (pk, e.title) for pk, e in self.events.items()
        ]

    def clean_supporter(self) -> User:
        return self.supporters[self.cleaned_data["supporter"]]

    def clean_workplace(self) -> Workplace:
        return self.workplaces[self.cleaned_data["workplace"]]

    def clean_event(self) -> MatchingEvent | None:
        return self.events.get(self.cleaned_data["event"])

    def clean_starts_on(self) -> date:
        return _near(self.cleaned_data["starts_on"])
