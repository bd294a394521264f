"""Plumbing: a new programme starts with version 1 of every consent text."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from kamrat.programs.models import Program

from .consents import consent_defaults_create


@receiver(post_save, sender=Program, dispatch_uid="privacy_consent_defaults")
def program_saved(sender, instance: Program, created: bool, raw: bool, **kwargs):
    # Fixtures bring their own texts; a participant must never meet a programme
    # where a consent has no wording to agree to.
    if created and not raw:
        consent_defaults_create(program=instance)
