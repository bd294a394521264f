from django.core.management.base import BaseCommand, CommandError

from kamrat.privacy.services import access_log_verify


class Command(BaseCommand):
    help = "Check that no access log entry was changed, removed or inserted."

    def handle(self, *args, **options) -> None:
        count, broken = access_log_verify()
        if broken:
            raise CommandError(
                f"Access log broken at entries {broken} (of {count} checked)."
            )
        self.stdout.write(f"Access log intact: {count} entries.")
