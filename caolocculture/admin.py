from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from .accounts import TemporaryPasswordForm
from .admin_site import DomainAdmin, EvidenceAdmin
from .models import PersonalDataExport, User
from .permissions import Action
from .views import form_status


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
        (_("Vai trò"), {"fields": ("role", "position", "is_active")}),
        (_("Thời gian"), {"fields": ("last_login", "date_joined")}),
    )
    superuser_fieldsets = fieldsets + (
        (_("Quyền hệ thống"), {"fields": ("is_superuser", "groups", "user_permissions")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "password1", "password2")}),
        (_("Vai trò"), {"fields": ("last_name", "first_name", "role", "position")}),
    )
    readonly_fields = ("last_login", "date_joined", "must_change_password")
    change_password_form = TemporaryPasswordForm

    def get_fieldsets(self, request, obj=None):
        if obj is not None and request.user.is_superuser:
            return self.superuser_fieldsets + ((_("Mật khẩu"), {"fields": ("must_change_password",)}),)
        if obj is not None:
            return self.fieldsets + ((_("Mật khẩu"), {"fields": ("must_change_password",)}),)
        return super().get_fieldsets(request, obj)

    # A superuser's account is out of reach of anyone but a superuser: no change, no password
    # reset (the admin role could otherwise set one and act as them), no deactivation, no delete.
    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        # One's own password is changed where the old one is asked for; here it is someone else's.
        if str(id) == str(request.user.pk):
            return redirect("password_change")
        response = super().user_change_password(request, id, form_url)
        if response.status_code == 200:  # the form shown, or shown again because it was refused
            response.status_code = form_status(request)
        return response

    def save_model(self, request, obj, form, change):
        # The forms hold no such field for a non-superuser; this holds even if one is added.
        if not request.user.is_superuser:
            before = User.objects.filter(pk=obj.pk).values_list("is_superuser", flat=True).first() if change else False
            if obj.is_superuser or before:
                raise PermissionDenied
        if not change:
            obj.must_change_password = True  # the first password is the admin's, so a temporary one
            obj._change_reason = "Quản trị tạo tài khoản"
        super().save_model(request, obj, form, change)


@admin.register(User.history.model)
class AccountHistoryAdmin(EvidenceAdmin):
    """Every change to an account or role: who, when, before → after. Read-only, for everyone."""

    action_needed = Action.MANAGE_USERS
    list_display = ("history_date", "history_user", "username", "history_type", "history_change_reason", "changes")
    list_filter = ("history_type", "role")
    search_fields = ("username", "last_name", "first_name")
    list_select_related = ("history_user",)
    date_hierarchy = "history_date"

    @admin.display(description=_("thay đổi (trước → sau)"))
    def changes(self, record) -> str:
        previous = record.prev_record
        if previous is None:
            return ""
        delta = record.diff_against(previous)
        return "; ".join(f"{change.field}: {change.old} → {change.new}" for change in delta.changes)


@admin.register(PersonalDataExport)
class PersonalDataExportAdmin(EvidenceAdmin):
    """Read-only: the record of exports is evidence, not a register to edit."""

    list_display = ("at", "user", "kind", "detail", "rows")
    list_filter = ("kind",)
    date_hierarchy = "at"
