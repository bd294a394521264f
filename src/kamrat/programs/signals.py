"""Cache busting only: the footer's crisis numbers are cached per process."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import CrisisContact
from .selectors import crisis_contacts_forget


@receiver(post_save, sender=CrisisContact)
@receiver(post_delete, sender=CrisisContact)
def _forget_crisis_contacts(**kwargs) -> None:
    crisis_contacts_forget()
