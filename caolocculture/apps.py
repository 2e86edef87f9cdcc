from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class CaolocConfig(AppConfig):
    name = "caolocculture"
    verbose_name = _("Người dùng và phân quyền")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save  # noqa: PLC0415

        from . import checks, versions  # noqa: F401, PLC0415  (checks registers the deploy checks)

        # Any saved or deleted row of the record moves its commune's data version.
        post_save.connect(versions.record_saved, dispatch_uid="versions.saved")
        post_delete.connect(versions.record_saved, dispatch_uid="versions.deleted")


class CultureAdminConfig(AdminConfig):
    # The admin asks permissions.py, like every other page.
    default_site = "caolocculture.admin_site.CultureAdminSite"
