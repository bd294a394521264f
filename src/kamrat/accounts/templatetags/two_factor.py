from django import template
from django.conf import settings

from ..permissions import must_use_two_factor as _must_use_two_factor

register = template.Library()


@register.filter
def must_use_two_factor(user) -> bool:
    return _must_use_two_factor(user)


@register.simple_tag
def demo_totp_code(user) -> str:
    """In the demo only: the code a demo account's app would show right now."""
    if not settings.DEMO or user is None:
        return ""
    from kamrat.core.demo import DEMO_TOTP_SECRET, is_demo_email

    from ..services import totp_code_now

    if not is_demo_email(getattr(user, "email", "") or ""):
        return ""
    return totp_code_now(secret=DEMO_TOTP_SECRET)
