import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "kamrat.reports"
    label = "reports"
    verbose_name = _("Reports for funders")

    def ready(self) -> None:
        # WeasyPrint tells every step of every PDF at INFO, from the moment it
        # is imported; the request log is enough.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
