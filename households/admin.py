from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from caolocculture.admin_site import DomainAdmin

from .models import Block, Commune, CulturalHouse, Household


@admin.register(Commune)
class CommuneAdmin(DomainAdmin, SimpleHistoryAdmin):
    commune_paths = ("pk",)
    list_display = ("name", "district", "province")


@admin.register(Block)
class BlockAdmin(DomainAdmin, SimpleHistoryAdmin):
    commune_paths = ("commune",)
    list_display = ("number", "name", "leader")
    list_select_related = ("leader",)


@admin.register(CulturalHouse)
class CulturalHouseAdmin(DomainAdmin, SimpleHistoryAdmin):
    commune_paths = ("block__commune",)
    list_display = ("block", "state", "in_use_since", "meets_standard")


@admin.register(Household)
class HouseholdAdmin(DomainAdmin, SimpleHistoryAdmin):
    commune_paths = ("block__commune",)

    # A household that leaves is marked "chuyển đi", never deleted.
    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    list_display = ("code", "head_name", "block", "members", "moved_out_on")
    list_filter = ("block",)
    search_fields = ("code", "head_name")
    list_select_related = ("block",)
