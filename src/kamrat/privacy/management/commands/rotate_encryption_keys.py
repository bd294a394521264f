from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from kamrat.privacy import crypto
from kamrat.privacy.fields import EncryptedTextField

# Where allauth's two-factor records keep what our MFA adapter encrypted.
AUTHENTICATOR_SECRETS = ("secret", "seed")


def _authenticators_rotate() -> int:
    """Staff would be locked out if their TOTP secrets outlived the old key."""
    from allauth.mfa.models import Authenticator

    count = 0
    with transaction.atomic():
        for authenticator in Authenticator.objects.select_for_update().iterator():
            data = dict(authenticator.data)
            changed = False
            for name in AUTHENTICATOR_SECRETS:
                if data.get(name):
                    data[name] = crypto.fernet().rotate(data[name].encode()).decode()
                    changed = True
            if changed:
                Authenticator.objects.filter(pk=authenticator.pk).update(data=data)
                count += 1
    return count


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted value with the newest key in FIELD_ENCRYPTION_KEYS."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch-size", type=int, default=200)
        parser.add_argument(
            "--replace-data-keys",
            action="store_true",
            help="Give every envelope a new data key and re-encrypt its content.",
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
        self.stdout.write(f"Re-encrypted authenticators: {_authenticators_rotate()}")
        # Apps with envelope encryption re-wrap their own data keys, in batches.
        for config in apps.get_app_configs():
            rotate = getattr(config, "rotate_data_keys", None)
            if rotate is None:
                continue
            counts = rotate(
                batch_size=options["batch_size"], replace=options["replace_data_keys"]
            )
            summary = ", ".join(f"{name} {n}" for name, n in counts.items())
            self.stdout.write(f"Data keys in {config.label}: {summary}")
