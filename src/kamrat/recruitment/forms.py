from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kamrat.programs.models import Program

from .models import LANGUAGES, Application, Availability, Call

LANGUAGE_NAMES = {"sv": _("Swedish"), "da": _("Danish"), "en": _("English")}


def call_languages(program: Program) -> list[str]:
    """The programme's own language and English; a call is written in both."""
    return [program.default_language] + (
        ["en"] if program.default_language != "en" else []
    )


class CallForm(forms.ModelForm):
    class Meta:
        model = Call
        fields = [
            "title_sv",
            "title_da",
            "title_en",
            "text_sv",
            "text_da",
            "text_en",
            "opens_on",
            "closes_on",
            "places",
            "training_place",
        ]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, program: Program, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        used = call_languages(program)
        for code, _name in LANGUAGES:
            for part in ("title", "text"):
                name = f"{part}_{code}"
                if code in used:
                    self.fields[name].required = True
                else:
                    del self.fields[name]

    def clean(self) -> dict:
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The call cannot close before it opens."))
        return data


class ApplyForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Email"), max_length=254)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)
    motivation = forms.CharField(
        label=_("Why would you like to be a peer supporter?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
    )
    lived_experience = forms.CharField(
        label=_("Your own experience (optional)"),
        help_text=_(
            "If you like, tell us about your own experience of mental ill-health "
            "or recovery. You do not have to: leaving this empty is completely fine."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
    )
    availability = forms.MultipleChoiceField(
        label=_("When could you meet people?"),
        choices=Availability.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(
        label=_("Which language should we write to you in?"), choices=LANGUAGES
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        current = (translation.get_language() or "sv")[:2]
        self.fields["language"].initial = current

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        allowed = set("0123456789+-() ")
        if phone and (not set(phone) <= allowed or sum(c.isdigit() for c in phone) < 5):
            raise forms.ValidationError(_("Write the phone number with digits only."))
        return phone


class StepForm(forms.Form):
    step = forms.ChoiceField(label=_("Step"), choices=Application.Step.choices)
