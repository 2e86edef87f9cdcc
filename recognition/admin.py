from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from caolocculture.admin_site import DomainAdmin, RecordAdmin

from .models import Decision, Meeting, MeetingResult, MeetingStep, NotAssessedCase, Recognition


@admin.register(Decision)
class DecisionAdmin(RecordAdmin, SimpleHistoryAdmin):
    commune_paths = ("commune",)
    list_display = ("__str__", "kind", "title", "year", "issuing_body", "signer_name")
    list_filter = ("kind", "title", "year")


@admin.register(Recognition)
class RecognitionAdmin(RecordAdmin, SimpleHistoryAdmin):
    commune_paths = ("household__block__commune", "block__commune", "organisation__commune")
    list_display = ("title", "year", "household", "block", "organisation", "decision", "withdrawn_by")
    list_filter = ("title", "year", "source")
    raw_id_fields = ("household", "block", "organisation", "decision", "withdrawn_by")
    list_select_related = ("household", "block", "organisation", "decision", "withdrawn_by")


@admin.register(Meeting)
class MeetingAdmin(RecordAdmin, SimpleHistoryAdmin):
    commune_paths = ("block__commune",)
    list_display = ("__str__", "status", "held_at", "decision")
    list_filter = ("year", "status")
    list_select_related = ("block", "decision")


@admin.register(MeetingResult)
class MeetingResultAdmin(RecordAdmin, SimpleHistoryAdmin):
    commune_paths = ("meeting__block__commune",)
    list_display = ("household", "year", "agreed", "passed", "excluded", "case")
    list_filter = ("year", "passed", "excluded")
    raw_id_fields = ("meeting", "household", "entered_by")
    list_select_related = ("household", "case")


@admin.register(NotAssessedCase)
class NotAssessedCaseAdmin(DomainAdmin, SimpleHistoryAdmin):
    """The officer keeps the decree's cases as they read (Nghị định 86/2023, Điều 6); one in use by
    a result cannot be deleted, only retired (not "đang dùng")."""

    list_display = ("text", "order", "needs_detail", "active")
    list_editable = ("order", "needs_detail", "active")
    list_filter = ("active",)


@admin.register(MeetingStep)
class MeetingStepAdmin(RecordAdmin):
    commune_paths = ("meeting__block__commune",)
    list_display = ("meeting", "action", "by", "at")
    list_filter = ("action",)
    list_select_related = ("meeting__block", "by")
