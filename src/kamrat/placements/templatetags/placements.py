from django import template

from kamrat.programs.models import Program

from ..selectors import events_taking_part

register = template.Library()


@register.simple_tag
def events_under_way(program: Program) -> bool:
    """Whether the programme has an event open or scheduled: one small query."""
    return events_taking_part(program=program).exists()
