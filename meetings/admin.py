from django.contrib import admin

from .models import (
    AgendaChange,
    AgendaItem,
    AgendaProposal,
    Attendance,
    CalendarFeed,
    InvitationDelivery,
    Material,
    Resolution,
    Session,
)
from .records import is_record


class RecordAdminMixin:
    """No delete button or bulk delete for held sessions and what they decided."""

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and is_record(obj))

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "description", "presenter_person", "presenter_text", "withdrawn"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0


@admin.register(Session)
class SessionAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "mandate", "kind", "status", "date", "planned_month"]
    list_filter = ["mandate__council", "status", "kind"]
    inlines = [AgendaItemInline, AttendanceInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ["title", "session", "position", "withdrawn"]
    list_filter = ["session__mandate__council"]
    search_fields = ["title"]


@admin.register(Resolution)
class ResolutionAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "session", "outcome", "responsible", "deadline", "done_on"]
    list_filter = ["session__mandate__council", "outcome"]


@admin.register(AgendaProposal)
class AgendaProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "session", "proposed_by", "status"]
    list_filter = ["status"]


admin.site.register(Material)
admin.site.register(AgendaChange)
admin.site.register(InvitationDelivery)
admin.site.register(CalendarFeed)
