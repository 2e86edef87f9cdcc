from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .admin_site import DomainAdmin
from .models import User
from .permissions import Action


@admin.register(User)
class UserAdmin(DomainAdmin, BaseUserAdmin):
    action_needed = Action.MANAGE_USERS
    list_display = ("username", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = BaseUserAdmin.fieldsets + ((_("Vai trò"), {"fields": ("role", "phone")}),)
    add_fieldsets = BaseUserAdmin.add_fieldsets + ((_("Vai trò"), {"fields": ("role",)}),)
