from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class CaolocConfig(AppConfig):
    name = "caolocculture"
    verbose_name = _("Người dùng và phân quyền")

    def ready(self) -> None:
        from . import checks  # noqa: F401, PLC0415  (registers the deploy checks)


class CultureAdminConfig(AdminConfig):
    # The admin asks permissions.py, like every other page.
    default_site = "caolocculture.admin_site.CultureAdminSite"
