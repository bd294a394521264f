"""Find the forms on a page with the standard library's HTML parser."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Field:
    name: str
    kind: str  # input type, "select" or "textarea"
    value: str = ""
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, Field] = field(default_factory=dict)

    def signature(self) -> tuple:
        return (self.method, tuple(sorted(self.fields)))


class FormScanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(
                method=(a.get("method") or "get").lower(), action=a.get("action", "")
            )
            self.forms.append(self._form)
            return
        form = self._form
        if form is None or not a.get("name"):
            if tag == "option" and self._select is not None:
                self._select.options.append(a.get("value", ""))
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            known = form.fields.get(name)
            if known and kind in ("checkbox", "radio"):
                known.options.append(a.get("value", "on"))
                return
            if kind in ("checkbox", "radio"):
                form.fields[name] = Field(name, kind, "", [a.get("value", "on")])
            elif kind not in ("submit", "button", "image", "reset"):
                form.fields[name] = Field(name, kind, a.get("value", ""))
            elif a.get("value"):  # a named submit button says which action
                known = form.fields.setdefault(name, Field(name, "submit"))
                known.options.append(a["value"])
        elif tag == "button" and a.get("value"):
            known = form.fields.setdefault(name, Field(name, "submit"))
            known.options.append(a["value"])
        elif tag == "select":
            self._select = form.fields[name] = Field(name, "select")
        elif tag == "textarea":
            self._textarea = form.fields[name] = Field(name, "textarea")

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms_in(html: str) -> list[Form]:
    scanner = FormScanner()
    scanner.feed(html)
    return scanner.forms
