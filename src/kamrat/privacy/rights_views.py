"""'Download my data' and 'Delete my account': only ever the signed-in person's own."""

import json
import re
from datetime import datetime

from django import forms
from django.apps import apps
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kamrat.accounts.models import User

from .rights import can_erase_self, person_erase, person_export, rights_modules

ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """Art. 15 and 20: the person's data on a page, or as a JSON file to keep."""
    data = person_export(user=request.user)
    if request.GET.get("format") == "json":
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        day = timezone.localdate().isoformat()
        response["Content-Disposition"] = (
            f'attachment; filename="kamrat-my-data-{day}.json"'
        )
    else:
        response = render(
            request,
            "privacy/my_data.html",
            {"sections": _sections(data["data"]), "exported_at": timezone.now()},
        )
    response["Cache-Control"] = "private, no-store"
    return response


class EraseWithPasswordForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        help_text=gettext_lazy("To be sure it is you who asks."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        strip=False,
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("That is not your password. Your account is still here.")
            )
        return password


class EraseWithCheckboxForm(forms.Form):
    """For a guest who came with a paper code and has no password to type."""

    confirm = forms.BooleanField(
        label=gettext_lazy("Yes, delete my account and everything in it"),
        error_messages={
            "required": gettext_lazy(
                "Tick the box if you want to delete your account. "
                "Nothing has been deleted."
            )
        },
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)


@login_required
def erase(request: HttpRequest) -> HttpResponse:
    """Art. 17: the person deletes their account; staff are told who can do it."""
    user = request.user
    if not can_erase_self(user):
        status = 403 if request.method == "POST" else 200
        return render(request, "privacy/delete_refused.html", status=status)
    form_class = (
        EraseWithPasswordForm if user.has_usable_password() else EraseWithCheckboxForm
    )
    form = form_class(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        person_erase(user=user)
        logout(request)
        return render(request, "privacy/goodbye.html")
    return render(request, "privacy/delete.html", {"form": form})


# Showing the export in words --------------------------------------------------


def _sections(data: dict) -> list[dict]:
    """Turn each app's export into headings, and records of label and value."""
    modules = dict(rights_modules())
    sections = []
    for label, content in data.items():
        module = modules.get(label)
        labels = getattr(module, "LABELS", {})
        values = getattr(module, "VALUES", {})
        title = (
            getattr(module, "TITLE", None) or apps.get_app_config(label).verbose_name
        )
        groups = []
        for key, value in content.items():
            records = value if isinstance(value, list) else [value]
            groups.append(
                {
                    "title": _label(key, labels),
                    "records": [
                        _record(record, labels, values)
                        for record in records
                        if record not in (None, {})
                    ],
                }
            )
        sections.append({"id": f"data-{label}", "title": title, "groups": groups})
    return sections


def _record(record: object, labels: dict, values: dict) -> list[tuple[str, str]]:
    if not isinstance(record, dict):
        return [("", _show(record, labels, values, ""))]
    return [
        (_label(key, labels), _show(value, labels, values, key))
        for key, value in record.items()
    ]


def _show(value: object, labels: dict, values: dict, key: str) -> str:
    """One value in words: codes by their label, times in local time, lists joined."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        nested = any(isinstance(item, dict) for item in value)
        parts = [_show(item, labels, values, key) for item in value]
        return "\n".join(parts) if nested else ", ".join(parts)
    if isinstance(value, dict):
        # A code with its own "<key>_label" beside it is shown by the label only.
        return "; ".join(
            f"{_label(k, labels)}: {_show(v, labels, values, k)}"
            for k, v in value.items()
            if f"{k}_label" not in value
        )
    if isinstance(value, str) and ISO_TIME.match(value):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_naive(moment):
            return value
        return formats.date_format(timezone.localtime(moment), "j F Y H:i")
    text = str(value)
    return str(values.get(key, {}).get(text, text))


def _label(key: str, labels: dict) -> str:
    return str(labels.get(key) or _humanise(key))


def _humanise(key: str) -> str:
    return key.replace("_", " ").capitalize()
