from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Chỉ tiêu và báo cáo")

    def ready(self) -> None:
        from caolocculture import versions  # noqa: PLC0415

        from .services import rollup_on_change  # noqa: PLC0415

        # A commune's record changed (after the commit): its province rollup is refreshed.
        versions.changed.connect(rollup_on_change, dispatch_uid="reports.rollup_on_change")
