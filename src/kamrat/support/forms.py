from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from kamrat.core.context_processors import LANGUAGE_NAMES
from kamrat.programs.models import Area, Program

from .choices import AgeGroup, Gender, Mode, OverrideReason, Topic, slot_choices
from .models import SupportRequest, TimeOff

ANY = [("", _("It does not matter"))]


class SupportRequestForm(forms.Form):
    topics = forms.MultipleChoiceField(
        label=_("What would you like support with?"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing.")},
    )
    modes = forms.MultipleChoiceField(
        label=_("How would you like to meet?"),
        choices=Mode.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one way to meet.")},
    )
    languages = forms.MultipleChoiceField(
        label=_("Which languages can you talk in?"),
        choices=LANGUAGE_NAMES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose a language.")},
    )
    area = forms.ModelChoiceField(
        label=_("Where do you live or stay?"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("It does not matter / only video"),
    )
    times = forms.TypedMultipleChoiceField(
        label=_("Which times usually suit you?"),
        coerce=int,
        choices=slot_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one time that suits you.")},
    )
    preferred_gender = forms.ChoiceField(
        label=_("Would you prefer your peer supporter to be"),
        choices=ANY + list(Gender.choices),
        required=False,
    )
    preferred_age_group = forms.ChoiceField(
        label=_("Would you prefer an age group?"),
        choices=ANY + list(AgeGroup.choices),
        required=False,
    )
    chooser = forms.ChoiceField(
        label=_("Who chooses the peer supporter?"),
        choices=SupportRequest.Chooser.choices,
        initial=SupportRequest.Chooser.PARTICIPANT,
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Anything you want the coordinator to know (optional)"),
        help_text=_(
            "Only the coordinator who handles your request reads this. It is "
            "deleted when your request closes. You do not need to write anything "
            "about your health."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, program: Program, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = program.areas.all()
        self.fields["languages"].initial = [program.default_language]


# Ids past this are no one's, and the database refuses to look them up.
LARGEST_ID = 2**31 - 1


class ChooseForm(forms.Form):
    supporter = forms.IntegerField(min_value=1)


class AssignForm(forms.Form):
    supporter = forms.IntegerField(min_value=1, max_value=LARGEST_ID)
    override_reason = forms.ChoiceField(
        label=_("Reason for choosing someone not suggested"),
        choices=[("", "—")] + list(OverrideReason.choices),
        required=False,
    )


DURATIONS = [
    (30, _("30 minutes")),
    (45, _("45 minutes")),
    (60, _("1 hour")),
    (90, _("1 ½ hours")),
]


class BookForm(forms.Form):
    starts_at = forms.ChoiceField(label=_("Time"), widget=forms.RadioSelect)
    minutes = forms.TypedChoiceField(
        label=_("How long"), coerce=int, choices=DURATIONS, initial=60
    )
    mode = forms.ChoiceField(label=_("How you meet"), choices=Mode.choices)
    place = forms.CharField(
        label=_("Place or meeting point"),
        help_text=_("For a walk, a fika, an activity or an appointment."),
        required=False,
        max_length=160,
    )

    def __init__(self, *args, times, zone, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.times = {t.isoformat(): t for t in times}
        self.fields["starts_at"].choices = [
            (key, formats.date_format(value.astimezone(zone), "l j F H:i"))
            for key, value in self.times.items()
        ]
        if not times:
            self.fields["starts_at"].help_text = _("There are no free times right now.")

    def clean_starts_at(self):
        return self.times[self.cleaned_data["starts_at"]]


class ProfileForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Most participants at a time"), min_value=0, max_value=30
    )
    accepting_new = forms.BooleanField(
        label=_("I can take new participants"), required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=LANGUAGE_NAMES,
        widget=forms.CheckboxSelectMultiple,
    )
    modes = forms.MultipleChoiceField(
        label=_("Ways I meet"),
        choices=Mode.choices,
        widget=forms.CheckboxSelectMultiple,
    )


class WeeklyTimeForm(forms.Form):
    from .choices import Weekday

    weekday = forms.TypedChoiceField(
        label=_("Day"), coerce=int, choices=Weekday.choices
    )
    starts = forms.TimeField(
        label=_("From"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    ends = forms.TimeField(
        label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"})
    )


class TimeOffForm(forms.Form):
    first_day = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    last_day = forms.DateField(
        label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label=_("Why"), choices=TimeOff.Kind.choices)


class RegisterForm(forms.Form):
    name = forms.CharField(label=_("Your first name"), max_length=120)
    email = forms.EmailField(label=_("Email address"))
    password = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters."),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("The code on your slip"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters"}
        ),
    )
    name = forms.CharField(
        label=_("What should we call you? (optional)"), max_length=120, required=False
    )


class KeepForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    password = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class CodesForm(forms.Form):
    count = forms.IntegerField(
        label=_("How many codes"), min_value=1, max_value=50, initial=5
    )


class ReferForm(SupportRequestForm):
    participant_name = forms.CharField(
        label=_("The person's first name"), max_length=120
    )
    participant_email = forms.EmailField(label=_("The person's email address"))
    consent = forms.BooleanField(
        label=_(
            "The person has said yes to us asking for peer support on their behalf"
        ),
        error_messages={
            "required": _(
                "Ask the person first. Send this only when they have said yes."
            )
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["message"]  # staff write no free text about a participant

    def request_fields(self) -> dict:
        """What the request is made of; the tick is a check, not something kept."""
        fields = dict(self.cleaned_data)
        fields.pop("consent")
        return fields
