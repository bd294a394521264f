from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "kamrat.programs"
    label = "programs"
    verbose_name = _("Programmes")

    def ready(self) -> None:
        from . import signals  # noqa: F401
