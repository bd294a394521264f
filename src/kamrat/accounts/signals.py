"""Cache busting only: the programme overview, and a session's trust in 2FA."""

from allauth.mfa.signals import authenticator_removed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from kamrat.programs.models import Area, Program, Workplace

from .models import Membership, User
from .selectors import overview_forget


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
@receiver(post_save, sender=User)
@receiver(post_delete, sender=User)
@receiver(post_save, sender=Area)
@receiver(post_delete, sender=Area)
@receiver(post_save, sender=Workplace)
@receiver(post_delete, sender=Workplace)
@receiver(post_save, sender=Program)
def _forget_overview(**kwargs) -> None:
    overview_forget()


@receiver(authenticator_removed)
def _forget_second_factor(request, **kwargs) -> None:
    """The session stops trusting a second factor the person just removed."""
    from .middleware import TWO_FACTOR_KEY

    if request is not None and hasattr(request, "session"):
        request.session.pop(TWO_FACTOR_KEY, None)
