from django import template
from django.utils import translation

from kamrat.programs.models import Country
from kamrat.programs.selectors import (
    FALLBACK_CRISIS_CONTACTS,
    crisis_contacts_by_country,
)

register = template.Library()


def _country_order(program, language: str) -> list[str]:
    """The programme's country first; otherwise the country of the page language."""
    first = getattr(program, "country", None)
    if first is None:
        first = Country.DENMARK if language == "da" else Country.SWEDEN
    return [first] + [c for c in (Country.SWEDEN, Country.DENMARK) if c != first]


@register.inclusion_tag("core/_crisis.html", takes_context=True)
def crisis_numbers(context, offline: bool = False) -> dict:
    """Crisis numbers for the footer of every page."""
    program = context.get("program")
    contacts = FALLBACK_CRISIS_CONTACTS if offline else crisis_contacts_by_country()
    order = _country_order(program, translation.get_language() or "")
    labels = dict(Country.choices)
    countries = [
        {"code": code, "label": labels[code], "contacts": contacts.get(code, [])}
        for code in order
    ]
    return {"countries": countries}


@register.filter
def tel(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit() or ch == "+")


@register.inclusion_tag("core/_demo_signins.html")
def demo_signins() -> dict:
    """On the demo's sign-in page only: who you can sign in as."""
    from django.conf import settings

    if not settings.DEMO:
        return {"people": []}
    from kamrat.core.demo import DEMO_PASSWORD, demo_signin_list

    return {"people": demo_signin_list(), "password": DEMO_PASSWORD}
