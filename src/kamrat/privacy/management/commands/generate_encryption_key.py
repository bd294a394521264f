from django.core.management.base import BaseCommand

from kamrat.privacy.crypto import generate_key


class Command(BaseCommand):
    help = "Print a new key for FIELD_ENCRYPTION_KEYS (put it first to rotate)."
    requires_system_checks = []

    def handle(self, *args, **options) -> None:
        self.stdout.write(generate_key())
