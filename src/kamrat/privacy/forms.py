from django import forms
from django.utils.translation import gettext_lazy as _

from kamrat.programs.models import Program

from .models import ConsentKind

AGREE = "agree"
WITHDRAW = "withdraw"


class ConsentChangeForm(forms.Form):
    """One press of 'I agree' or 'Withdraw' on the participant's consents page."""

    kind = forms.ChoiceField(choices=ConsentKind.choices)
    action = forms.ChoiceField(choices=[(AGREE, AGREE), (WITHDRAW, WITHDRAW)])
    workplace = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Which ward or clinic may know"),
    )

    def __init__(self, *args, program: Program, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["workplace"].queryset = program.workplaces.all()
        self.fields["kind"].error_messages["invalid_choice"] = _(
            "We do not know that kind of consent. Nothing was changed."
        )
        self.fields["action"].error_messages["invalid_choice"] = _(
            "Please use the buttons on the page. Nothing was changed."
        )
        self.fields["workplace"].error_messages["invalid_choice"] = _(
            "Please choose one of the programme's wards or clinics."
        )

    def clean(self) -> dict:
        data = super().clean()
        if (
            data.get("kind") == ConsentKind.WARD_KNOWS
            and data.get("action") == AGREE
            and not data.get("workplace")
        ):
            raise forms.ValidationError(
                _("Please choose which ward or clinic may know.")
            )
        return data


class ConsentTextForm(forms.Form):
    """New wording for a consent, in every language the programmes use."""

    text_sv = forms.CharField(
        label=_("Swedish"), widget=forms.Textarea(attrs={"rows": 8})
    )
    text_da = forms.CharField(
        label=_("Danish"), widget=forms.Textarea(attrs={"rows": 8})
    )
    text_en = forms.CharField(
        label=_("English"), widget=forms.Textarea(attrs={"rows": 8})
    )
