from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kamrat.accounts.models import User
from kamrat.recruitment.models import Call
from kamrat.support.views.common import id_or_none

from .certificates import code_normalise
from .models import DEFAULT_COMPLETION_PERCENT, Enrolment, Session, Week
from .services.common import (
    DAYS_AROUND,
    DEFAULT_WEEKS,
    MAX_WEEKS,
    NAME_MAX,
    ORGANISER_MAX,
    PLACE_MAX,
    THEME_MAX,
    TITLE_MAX,
    TOPIC_MAX,
)

MATERIAL_MAX = 10000
TOO_LONG = _("This is too long. Please shorten it.")


class ChoiceOfOne(forms.ModelChoiceField):
    """An id too large for the database is no choice, not a crash."""

    def to_python(self, value):
        if value not in self.empty_values and id_or_none(str(value)) is None:
            raise ValidationError(self.error_messages["invalid_choice"])
        return super().to_python(value)


class ChoiceOfMany(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            if id_or_none(str(pk)) is None:
                raise ValidationError(self.error_messages["invalid_choice"])
        return super()._check_values(value)


def _day_field(label, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Choose the day."),
            "invalid": _("Write the day as YYYY-MM-DD."),
        },
        **kwargs,
    )


def _near(day: date) -> date:
    # Far-off years cannot become a time in any zone; refuse them here.
    if abs((day - timezone.localdate()).days) > DAYS_AROUND:
        raise ValidationError(
            _("Choose a day within the last two years or the next two years.")
        )
    return day


class CohortForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the cohort"),
        max_length=NAME_MAX,
        error_messages={
            "required": _("Give the cohort a name."),
            "max_length": TOO_LONG,
        },
    )
    starts_on = _day_field(_("First day"))
    weeks = forms.IntegerField(
        label=_("Number of weeks"),
        min_value=1,
        max_value=MAX_WEEKS,
        initial=DEFAULT_WEEKS,
        help_text=_("Weeks on site and at home take turns, starting on site."),
        error_messages={
            "required": _("Write the number of weeks."),
            "invalid": _("Write a whole number of weeks."),
            "min_value": _("Choose between 1 and 20 weeks."),
            "max_value": _("Choose between 1 and 20 weeks."),
        },
    )
    place = forms.CharField(
        label=_("Where the on-site weeks are"),
        max_length=PLACE_MAX,
        error_messages={
            "required": _("Write where the on-site weeks are."),
            "max_length": TOO_LONG,
        },
    )
    completion_percent = forms.IntegerField(
        label=_("Attendance needed to complete (%)"),
        min_value=1,
        max_value=100,
        initial=DEFAULT_COMPLETION_PERCENT,
        help_text=_("The share of the sessions held that each person needs to attend."),
        error_messages={
            "required": _("Write a share between 1 and 100."),
            "invalid": _("Write a whole number between 1 and 100."),
            "min_value": _("Choose a share between 1 and 100 percent."),
            "max_value": _("Choose a share between 1 and 100 percent."),
        },
    )
    call = ChoiceOfOne(
        label=_("Recruited through the call"),
        queryset=Call.objects.none(),
        required=False,
        empty_label=_("No call"),
        error_messages={"invalid_choice": _("Choose a call from the list.")},
    )

    def __init__(self, *args, calls: QuerySet[Call], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = calls
        self.fields["call"].label_from_instance = lambda call: (
            call.title or str(call.pk)
        )

    def clean_starts_on(self) -> date:
        return _near(self.cleaned_data["starts_on"])


class WeekForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("This week is"),
        choices=Week.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose on site or home study."),
            "invalid_choice": _("Choose on site or home study."),
        },
    )
    theme = forms.CharField(
        label=_("Theme"),
        max_length=THEME_MAX,
        required=False,
        error_messages={"max_length": TOO_LONG},
    )
    material_sv = forms.CharField(
        label=_("Home-study material in Swedish"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MATERIAL_MAX,
        required=False,
        error_messages={"max_length": TOO_LONG},
    )
    material_da = forms.CharField(
        label=_("Home-study material in Danish"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MATERIAL_MAX,
        required=False,
        error_messages={"max_length": TOO_LONG},
    )
    material_en = forms.CharField(
        label=_("Home-study material in English"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MATERIAL_MAX,
        required=False,
        error_messages={"max_length": TOO_LONG},
    )


class SessionForm(forms.Form):
    """A time on one day in the programme's time zone, a topic and a leader."""

    day = _day_field(_("Day"))
    starts = forms.TimeField(
        label=_("From"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Choose when the session starts."),
            "invalid": _("Write the time as HH:MM."),
        },
    )
    ends = forms.TimeField(
        label=_("Until"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Choose when the session ends."),
            "invalid": _("Write the time as HH:MM."),
        },
    )
    topic = forms.CharField(
        label=_("Topic"),
        max_length=TOPIC_MAX,
        error_messages={
            "required": _("Write what the session is about."),
            "max_length": TOO_LONG,
        },
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=PLACE_MAX,
        required=False,
        help_text=_("Leave empty for the cohort's usual place."),
        error_messages={"max_length": TOO_LONG},
    )
    leader = ChoiceOfOne(
        label=_("Led by someone in the programme"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Someone from outside"),
        error_messages={"invalid_choice": _("Choose the leader from the list.")},
    )
    leader_name = forms.CharField(
        label=_("Or the name of a leader from outside"),
        max_length=NAME_MAX,
        required=False,
        error_messages={"max_length": TOO_LONG},
    )
    led_by_peer_supporter = forms.BooleanField(
        label=_("Led by a peer supporter"),
        required=False,
        help_text=_("Ticked by itself when the leader is one of your peer supporters."),
    )

    def __init__(self, *args, zone: str, leaders: QuerySet[User], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.zone = ZoneInfo(zone)
        self.fields["leader"].queryset = leaders

    def clean_day(self) -> date:
        return _near(self.cleaned_data["day"])

    def clean(self) -> dict:
        data = super().clean()
        day, starts, ends = data.get("day"), data.get("starts"), data.get("ends")
        if day and starts and ends:
            data["starts_at"] = datetime.combine(day, starts, tzinfo=self.zone)
            data["ends_at"] = datetime.combine(day, ends, tzinfo=self.zone)
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("ends", _("The session must end after it starts."))
        name = (data.get("leader_name") or "").strip()
        if "leader" in data and not (data.get("leader") is None) ^ (not name):
            self.add_error(
                "leader_name",
                _(
                    "Choose who leads the session, or write the name of someone "
                    "from outside."
                ),
            )
        return data


def initial_for(session: Session, zone: str) -> dict:
    local_start = session.starts_at.astimezone(ZoneInfo(zone))
    local_end = session.ends_at.astimezone(ZoneInfo(zone))
    return {
        "day": local_start.date(),
        "starts": local_start.time(),
        "ends": local_end.time(),
        "topic": session.topic,
        "place": session.place,
        "leader": session.leader_id,
        "leader_name": session.leader_name,
        "led_by_peer_supporter": session.led_by_peer_supporter,
    }


ATTENDED, ABSENT = "attended", "absent"


class AttendanceForm(forms.Form):
    """Attended or absent for each person in the training."""

    def __init__(self, *args, enrolments: list[Enrolment], current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.enrolments = enrolments
        choices = [(ATTENDED, _("Attended")), (ABSENT, _("Absent"))]
        for enrolment in enrolments:
            known = current.get(enrolment.pk)
            self.fields[f"who_{enrolment.pk}"] = forms.ChoiceField(
                label=enrolment.user.name,
                choices=choices,
                widget=forms.RadioSelect,
                required=False,
                initial="" if known is None else (ATTENDED if known else ABSENT),
                error_messages={"invalid_choice": _("Choose attended or absent.")},
            )

    def attendance(self) -> dict[int, bool]:
        return {
            e.pk: self.cleaned_data[f"who_{e.pk}"] == ATTENDED
            for e in self.enrolments
            if self.cleaned_data.get(f"who_{e.pk}")
        }


class EnrolMemberForm(forms.Form):
    person = ChoiceOfOne(
        label=_("Someone already in the programme"),
        queryset=User.objects.none(),
        error_messages={
            "required": _("Choose a person from the list."),
            "invalid_choice": _("Choose a person from the list."),
        },
    )

    def __init__(self, *args, people: QuerySet[User], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate code"),
        max_length=100,
        help_text=_("The code printed on the certificate, like 7K3D-Q9MX-2P4B."),
        error_messages={
            "required": _("Write the code from the certificate."),
            "max_length": _("A code has 12 letters and digits. Please check it."),
        },
    )

    def clean_code(self) -> str:
        code = code_normalise(self.cleaned_data["code"])
        if code is None:
            raise ValidationError(
                _("A code has 12 letters and digits. Please check it.")
            )
        return code


class EducationForm(forms.Form):
    title = forms.CharField(
        label=_("What was it?"),
        max_length=TITLE_MAX,
        help_text=_("A course, a theme day or a conference."),
        error_messages={
            "required": _("Write what the course or day was."),
            "max_length": TOO_LONG,
        },
    )
    organiser = forms.CharField(
        label=_("Organised by (optional)"),
        max_length=ORGANISER_MAX,
        required=False,
        error_messages={"max_length": TOO_LONG},
    )
    held_on = _day_field(_("Date"))
    hours = forms.DecimalField(
        label=_("Hours"),
        min_value=Decimal("0.1"),
        max_value=Decimal("999"),
        max_digits=4,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5"}),
        error_messages={
            "required": _("Write the hours, like 3 or 7.5."),
            "invalid": _("Write the hours as a number, like 3 or 7.5."),
            "min_value": _(
                "Write the hours as a number from 0.1 to 999, like 3 or 7.5."
            ),
            "max_value": _(
                "Write the hours as a number from 0.1 to 999, like 3 or 7.5."
            ),
            "max_digits": _(
                "Write the hours as a number from 0.1 to 999, like 3 or 7.5."
            ),
            "max_decimal_places": _("Write the hours with at most one decimal."),
            "max_whole_digits": _(
                "Write the hours as a number from 0.1 to 999, like 3 or 7.5."
            ),
        },
    )
    people = ChoiceOfMany(
        label=_("Peer supporters who took part"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one peer supporter."),
            "invalid_choice": _("Choose only peer supporters of this programme."),
            "invalid_pk_value": _("Choose only peer supporters of this programme."),
        },
    )

    def __init__(self, *args, people: QuerySet[User], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people

    def clean_held_on(self) -> date:
        return _near(self.cleaned_data["held_on"])
