from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecognitionConfig(AppConfig):
    name = "recognition"
    verbose_name = _("Bình xét và công nhận")

    def ready(self) -> None:
        # The households import asks this floor for the titles of its rows (a port, not an
        # upward import): see households/importing.py's title_records().
        from households import importing  # noqa: PLC0415  (apps are loaded only now)

        from . import household_titles  # noqa: PLC0415

        importing.connect_title_records(household_titles)
