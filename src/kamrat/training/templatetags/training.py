from django import template

from kamrat.training.selectors import enrolled_program_ids

register = template.Library()


@register.simple_tag(takes_context=True)
def training_enrolled(context, program) -> bool:
    """Whether the signed-in person is in a training of this programme.

    One query per page, however many programmes the home page shows.
    """
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return False
    return program.pk in enrolled_program_ids(user=user)
