from django.core.management.base import BaseCommand

from kamrat.core.demo import demo_describe, demo_load


class Command(BaseCommand):
    help = "Load the demo programmes (only those that are missing) and list sign-ins."

    def handle(self, *args, **options) -> None:
        made = demo_load()
        self.stdout.write(f"Demo programmes created: {made}")
        self.stdout.write(demo_describe())
