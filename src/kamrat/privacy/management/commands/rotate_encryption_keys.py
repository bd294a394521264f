from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from kamrat.privacy.fields import EncryptedTextField


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted value with the newest key in FIELD_ENCRYPTION_KEYS."
    )

    def handle(self, *args, **options) -> None:
        total = 0
        for model in apps.get_models():
            fields = [
                f.attname
                for f in model._meta.fields
                if isinstance(f, EncryptedTextField)
            ]
            if not fields:
                continue
            # Values come back decrypted with any key and are saved encrypted with
            # the newest one; nothing is written anywhere but the row itself.
            rows = model._default_manager.values_list("pk", *fields)
            with transaction.atomic():
                for pk, *tokens in rows.iterator():
                    raw = model._base_manager.filter(pk=pk)
                    updates = {}
                    for name, token in zip(fields, tokens, strict=True):
                        if token:
                            updates[name] = token
                    if updates:
                        raw.update(**updates)
                        total += 1
        self.stdout.write(f"Re-encrypted rows: {total}")
