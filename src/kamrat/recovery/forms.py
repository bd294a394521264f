from django import forms
from django.utils.translation import gettext_lazy as _

from .services import MAX_TEXT


class ItemForm(forms.Form):
    """The person's own words, and whether their peer supporter may see them."""

    text = forms.CharField(
        label=_("In your own words"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    shared = forms.BooleanField(
        label=_("My peer supporter may see this"), required=False
    )


class AddForm(forms.Form):
    text = forms.CharField(max_length=MAX_TEXT, required=False)
    shared = forms.BooleanField(required=False)
