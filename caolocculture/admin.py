from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .admin_site import DomainAdmin
from .models import PersonalDataExport, User
from .permissions import Action


@admin.register(User)
class UserAdmin(DomainAdmin, BaseUserAdmin):
    """Accounts and roles. What a role may do is decided by permissions.py, so the
    admin role sets roles only; Django's own superuser and permission flags stay
    out of reach of anyone but a superuser."""

    action_needed = Action.MANAGE_USERS
    list_display = ("username", "last_name", "first_name", "role", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin cá nhân"), {"fields": ("last_name", "first_name", "email", "phone")}),
        (_("Vai trò"), {"fields": ("role", "is_active")}),
        (_("Thời gian"), {"fields": ("last_login", "date_joined")}),
    )
    superuser_fieldsets = fieldsets + (
        (_("Quyền hệ thống"), {"fields": ("is_superuser", "groups", "user_permissions")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "password1", "password2")}),
        (_("Vai trò"), {"fields": ("last_name", "first_name", "role")}),
    )
    readonly_fields = ("last_login", "date_joined")

    def get_fieldsets(self, request, obj=None):
        if obj is not None and request.user.is_superuser:
            return self.superuser_fieldsets
        return super().get_fieldsets(request, obj)


@admin.register(PersonalDataExport)
class PersonalDataExportAdmin(DomainAdmin):
    """Read-only: the record of exports is evidence, not a register to edit."""

    list_display = ("at", "user", "kind", "detail", "rows")
    list_filter = ("kind",)
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
