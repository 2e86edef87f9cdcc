from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from caolocculture.admin_site import RecordAdmin

from .models import YearClosing


@admin.register(YearClosing)
class YearClosingAdmin(RecordAdmin, SimpleHistoryAdmin):
    commune_paths = ("commune",)
    list_display = ("__str__", "commune", "closed_by", "closed_at", "reopened_at")
    list_filter = ("year",)
    exclude = ("figures",)  # a long JSON; the dashboard shows what it holds
