from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from caolocculture.admin_site import DomainAdmin

from .models import Decision, Recognition


@admin.register(Decision)
class DecisionAdmin(DomainAdmin, SimpleHistoryAdmin):
    list_display = ("__str__", "title", "year", "signer_name")
    list_filter = ("title", "year")


@admin.register(Recognition)
class RecognitionAdmin(DomainAdmin, SimpleHistoryAdmin):
    list_display = ("title", "year", "household", "block", "organisation", "source")
    list_filter = ("title", "year", "source")
    raw_id_fields = ("household", "block", "organisation", "decision")
    list_select_related = ("household", "block", "organisation")
