from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .permissions import Action, can


class CultureAdminSite(admin.AdminSite):
    site_header = _("Quản trị phong trào văn hóa")
    site_title = _("Quản trị")
    index_title = _("Dữ liệu")

    def has_permission(self, request) -> bool:
        return can(request.user, Action.USE_ADMIN)


class DomainAdmin(admin.ModelAdmin):
    """Domain data in the admin: the culture officer's, as permissions.py says."""

    action_needed = Action.EDIT_PLAN

    def has_module_permission(self, request) -> bool:
        return can(request.user, self.action_needed)

    def has_view_permission(self, request, obj=None) -> bool:
        return can(request.user, self.action_needed)

    has_add_permission = has_view_permission
    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission
