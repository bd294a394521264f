from django import template

from kamrat.accounts.models import User
from kamrat.support.models import Pairing

from ..permissions import can_read_shared_plan

register = template.Library()


@register.inclusion_tag("recovery/_shared_link.html")
def shared_plan_link(user: User, pairing: Pairing) -> dict:
    """A link to the participant's plan, shown to their supporter only while shared."""
    return {"pairing": pairing, "shown": can_read_shared_plan(user, pairing)}
