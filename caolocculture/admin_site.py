import tablib
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin

from . import forms
from .permissions import Action, belongs_to_a_commune, can, in_commune
from .spreadsheets import formula_escaped
from .views import form_status


class CultureAdminSite(admin.AdminSite):
    site_header = _("Quản trị phong trào văn hóa")
    site_title = _("Quản trị")
    index_title = _("Dữ liệu")

    def has_permission(self, request) -> bool:
        return can(request.user, Action.USE_ADMIN)

    def password_change(self, request, extra_context=None):
        # One page changes one's own password (caolocculture/accounts.py), the admin's link too.
        return redirect("password_change")


class VietNumbers:
    """Admin forms read and show numbers as the app's own forms do ("1.000" is a thousand)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if forms.is_number(db_field):
            return forms.formfield(db_field, **kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class SafeExportMixin(ExportMixin):
    """The admin's export (every format, from the export page or the list's action) with
    formula-looking text escaped: an activity titled =HYPERLINK(…) reaches Excel as text.
    django-import-export's own IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT only drops a leading
    "=" (+, -, @ stay live in CSV) and turns every cell, numbers and blanks too, into text."""

    def get_data_for_export(self, request, queryset, **kwargs):
        data = super().get_data_for_export(request, queryset, **kwargs)
        escaped = tablib.Dataset(headers=data.headers, title=data.title)
        for row in data:
            escaped.append([formula_escaped(value) for value in row])
        return escaped


class DomainAdmin(VietNumbers, admin.ModelAdmin):
    """Domain data in the admin: the culture officer's, as permissions.py says."""

    action_needed = Action.EDIT_PLAN
    # How a row reaches its commune ("plan__commune"; several: any of them): a commune's officer
    # lists and opens only its own commune's rows (another's id is a 404, as on the pages).
    commune_paths: tuple[str, ...] = ()

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        if not self.commune_paths or not belongs_to_a_commune(request.user):
            return rows
        reach = Q(pk__in=[])
        for path in self.commune_paths:
            reach |= in_commune(request.user, path)
        return rows.filter(reach)

    def has_module_permission(self, request) -> bool:
        return can(request.user, self.action_needed)

    def render_change_form(self, request, context, *args, **kwargs):
        # As every form page of the app (caolocculture.views.form_status): a saved POST redirects,
        # so a POST that comes back to its form was refused, nothing written: 400, not 200.
        response = super().render_change_form(request, context, *args, **kwargs)
        response.status_code = form_status(request)
        return response

    def has_view_permission(self, request, obj=None) -> bool:
        return can(request.user, self.action_needed)

    has_add_permission = has_view_permission
    has_change_permission = has_view_permission
    has_delete_permission = has_view_permission

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history's "revert" page saves a POST from anyone who may view the object:
        # without this, a read-only record (RecordAdmin) could be rewritten from its history.
        if request.method == "POST" and not self.has_change_permission(request, self.get_object(request, object_id)):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class RecordAdmin(DomainAdmin):
    """The record (decisions, titles, workflow steps, closed years): read-only in the admin
    for everyone but a superuser. Changes go through the services, which check rights and
    keep history; the admin is no back door."""

    def has_add_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    has_change_permission = has_add_permission
    has_delete_permission = has_add_permission


class EvidenceAdmin(DomainAdmin):
    """Records kept as evidence (exports of personal data, account history): read by the
    officer, changed by no one, superusers included."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    has_change_permission = has_add_permission
    has_delete_permission = has_add_permission
