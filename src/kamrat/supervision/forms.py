from datetime import date, datetime
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kamrat.accounts.models import User
from kamrat.support.views.common import id_or_none

from .models import MAX_WEEKS, Invitation, Kind
from .services import NAME_MAX, PLACE_MAX


class PersonChoiceField(forms.ModelChoiceField):
    """An id too large for the database is no choice, not a crash."""

    def to_python(self, value):
        if value not in self.empty_values and id_or_none(str(value)) is None:
            raise ValidationError(self.error_messages["invalid_choice"])
        return super().to_python(value)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            if id_or_none(str(pk)) is None:
                raise ValidationError(self.error_messages["invalid_choice"])
        return super()._check_values(value)


WEEKS_ERRORS = {
    "required": _("Write a number of weeks."),
    "invalid": _("Write a whole number of weeks."),
    "min_value": _("Choose between 1 and 52 weeks."),
    "max_value": _("Choose between 1 and 52 weeks."),
}


class TargetsForm(forms.Form):
    group_weeks = forms.IntegerField(
        label=_("Group supervision every ... weeks"),
        min_value=1,
        max_value=MAX_WEEKS,
        error_messages=WEEKS_ERRORS,
    )
    individual_weeks = forms.IntegerField(
        label=_("Individual supervision every ... weeks"),
        min_value=1,
        max_value=MAX_WEEKS,
        error_messages=WEEKS_ERRORS,
    )


class WhenWhereForm(forms.Form):
    """A time in the programme's own time zone, and a place or video."""

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
    video = forms.BooleanField(
        label=_("Meet by video (Kamrat makes a video room)"), required=False
    )
    place = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=PLACE_MAX,
        help_text=_("Where you meet, unless it is by video."),
        error_messages={"max_length": _("The place is too long. Please shorten it.")},
    )

    def __init__(self, *args, zone: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.zone = ZoneInfo(zone)

    def clean_day(self) -> date:
        day = self.cleaned_data["day"]
        # Far-off years cannot become a time in any zone; refuse them here.
        if abs((day - timezone.localdate()).days) > 3 * 365:
            raise ValidationError(
                _("Choose a day within the last year or the next two years.")
            )
        return day

    def clean(self) -> dict:
        data = super().clean()
        day, starts, ends = data.get("day"), data.get("starts"), data.get("ends")
        if day and starts and ends:
            data["starts_at"] = datetime.combine(day, starts, tzinfo=self.zone)
            data["ends_at"] = datetime.combine(day, ends, tzinfo=self.zone)
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("ends", _("The session must end after it starts."))
        if not data.get("video") and not (data.get("place") or "").strip():
            if "place" not in self.errors:
                self.add_error(
                    "place", _("Write where you will meet, or choose video.")
                )
        return data


class SessionForm(WhenWhereForm):
    kind = forms.ChoiceField(
        label=_("Kind of supervision"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose group or individual supervision."),
            "invalid_choice": _("Choose group or individual supervision."),
        },
    )
    supervisor = PersonChoiceField(
        label=_("Supervisor from the programme"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Someone from outside"),
        error_messages={"invalid_choice": _("Choose the supervisor from the list.")},
    )
    supervisor_name = forms.CharField(
        label=_("Or the name of a supervisor from outside"),
        required=False,
        max_length=NAME_MAX,
        error_messages={"max_length": _("The name is too long. Please shorten it.")},
    )
    supporters = PeopleChoiceField(
        label=_("Peer supporters invited"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Invite at least one peer supporter."),
            "invalid_choice": _("Invite only peer supporters of this programme."),
            "invalid_pk_value": _("Invite only peer supporters of this programme."),
        },
    )
    field_order = ["kind", "supervisor", "supervisor_name", "supporters"]

    def __init__(
        self,
        *args,
        supervisors: QuerySet[User],
        supporters: QuerySet[User],
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = supervisors
        self.fields["supporters"].queryset = supporters

    def clean(self) -> dict:
        data = super().clean()
        name = (data.get("supervisor_name") or "").strip()
        if "supervisor" in data and not (data.get("supervisor") is None) ^ (not name):
            self.add_error(
                "supervisor_name",
                _("Choose a supervisor from the programme or write the name of one."),
            )
        chosen = data.get("supporters")
        if data.get("kind") == Kind.INDIVIDUAL and chosen and len(chosen) != 1:
            self.add_error(
                "supporters", _("Individual supervision is for one peer supporter.")
            )
        return data


class AttendanceForm(forms.Form):
    """Attended or absent for each peer supporter invited."""

    def __init__(self, *args, invitations: list[Invitation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.invitations = invitations
        choices = [
            (Invitation.Attendance.ATTENDED, Invitation.Attendance.ATTENDED.label),
            (Invitation.Attendance.ABSENT, Invitation.Attendance.ABSENT.label),
        ]
        for invitation in invitations:
            self.fields[f"who_{invitation.supporter_id}"] = forms.ChoiceField(
                label=invitation.supporter.name,
                choices=choices,
                widget=forms.RadioSelect,
                required=False,
                initial=invitation.attendance,
                error_messages={
                    "invalid_choice": _("For each person, choose whether they came."),
                },
            )

    def attendance(self) -> dict[int, str]:
        return {
            i.supporter_id: self.cleaned_data[f"who_{i.supporter_id}"]
            for i in self.invitations
            if self.cleaned_data.get(f"who_{i.supporter_id}")
        }


def initial_when_where(session, zone: str) -> dict:
    local_start = session.starts_at.astimezone(ZoneInfo(zone))
    local_end = session.ends_at.astimezone(ZoneInfo(zone))
    return {
        "day": local_start.date(),
        "starts": local_start.time(),
        "ends": local_end.time(),
        "video": bool(session.video_room),
        "place": session.place,
    }
