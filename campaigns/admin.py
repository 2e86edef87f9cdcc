from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from caolocculture.admin_site import DomainAdmin, SafeExportMixin, VietNumbers

from .models import (
    Activity,
    BlockFigures,
    BudgetLine,
    Funding,
    Organisation,
    Plan,
    SteeringCommitteeMember,
    Target,
    Task,
)


class TargetInline(VietNumbers, admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Plan)
class PlanAdmin(DomainAdmin, SimpleHistoryAdmin):
    commune_paths = ("commune",)
    list_display = ("year", "reference", "commune", "signer_name")
    inlines = [TargetInline]


@admin.register(SteeringCommitteeMember)
class SteeringCommitteeMemberAdmin(DomainAdmin, SimpleHistoryAdmin):
    commune_paths = ("plan__commune",)
    list_display = ("plan", "order", "position", "person_name", "committee_role")
    list_filter = ("plan",)


@admin.register(Task)
class TaskAdmin(DomainAdmin, SimpleHistoryAdmin):
    commune_paths = ("plan__commune",)
    list_display = ("plan", "order", "status", "deadline")
    list_filter = ("plan", "status")


class BudgetLineInline(VietNumbers, admin.TabularInline):
    model = BudgetLine
    extra = 0


@admin.register(Funding)
class FundingAdmin(DomainAdmin):
    commune_paths = ("plan__commune",)
    list_display = ("plan", "source")
    inlines = [BudgetLineInline]


@admin.register(Organisation)
class OrganisationAdmin(SafeExportMixin, DomainAdmin, SimpleHistoryAdmin):
    commune_paths = ("commune",)
    list_display = ("name", "kind", "in_registry_since", "left_registry_in")
    list_filter = ("kind",)
    search_fields = ("name",)


@admin.register(BlockFigures)
class BlockFiguresAdmin(SafeExportMixin, DomainAdmin, SimpleHistoryAdmin):
    commune_paths = ("block__commune",)
    list_display = ("block", "year", "population", "regular_exercisers", "legal_education_reached", "status")
    list_select_related = ("block",)
    list_filter = ("year", "status")


@admin.register(Activity)
class ActivityAdmin(SafeExportMixin, DomainAdmin, SimpleHistoryAdmin):
    commune_paths = ("plan__commune",)
    list_display = ("held_on", "kind", "title", "block", "attendance")
    list_select_related = ("block",)
    list_filter = ("kind",)
