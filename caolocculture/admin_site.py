from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import forms
from .permissions import Action, can


class CultureAdminSite(admin.AdminSite):
    site_header = _("Quản trị phong trào văn hóa")
    site_title = _("Quản trị")
    index_title = _("Dữ liệu")

    def has_permission(self, request) -> bool:
        return can(request.user, Action.USE_ADMIN)


class VietNumbers:
    """Admin forms read and show numbers as the app's own forms do ("1.000" is a thousand)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if forms.is_number(db_field):
            return forms.formfield(db_field, **kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class DomainAdmin(VietNumbers, admin.ModelAdmin):
    """Domain data in the admin: the culture officer's, as permissions.py says."""

    action_needed = Action.EDIT_PLAN

    def has_module_permission(self, request) -> bool:
        return can(request.user, self.action_needed)

    def has_view_permission(self, request, obj=None) -> bool:
        return can(request.user, self.action_needed)

    has_add_permission = has_view_permission
    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission


class RecordAdmin(DomainAdmin):
    """The record (decisions, titles, workflow steps, closed years): read-only in the admin
    for everyone but a superuser. Changes go through the services, which check rights and
    keep history; the admin is no back door."""

    def has_add_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    has_change_permission = has_add_permission
    has_delete_permission = has_add_permission
