from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """The top floor: tools that know every app (demo data and the bench).
    Nothing below imports them."""

    name = "devtools"
    verbose_name = "Công cụ phát triển"
