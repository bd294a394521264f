from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecoveryConfig(AppConfig):
    name = "kamrat.recovery"
    label = "recovery"
    verbose_name = _("Recovery plans")

    def rotate_data_keys(self, *, batch_size: int, replace: bool) -> dict[str, int]:
        """Called by `rotate_encryption_keys`: re-wrap (or replace) plan data keys."""
        from .services import plan_keys_rotate

        return plan_keys_rotate(batch_size=batch_size, replace=replace)
