from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from kamrat.privacy.rights import retention_run


class Command(BaseCommand):
    help = "Remove personal data past its retention period once, and print counts."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be removed, and change nothing.",
        )

    def handle(self, *args, **options) -> None:
        dry_run = options["dry_run"]
        with transaction.atomic():
            counts = retention_run(now=timezone.now())
            if dry_run:
                transaction.set_rollback(True)
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")
        verb = "Would remove or clear" if dry_run else "Removed or cleared"
        self.stdout.write(f"{verb} {sum(counts.values())} rows in all.")
