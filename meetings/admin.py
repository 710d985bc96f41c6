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


class AgendaItemInline(admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "description", "presenter_person", "presenter_text", "withdrawn"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "mandate", "kind", "status", "date", "planned_month"]
    list_filter = ["mandate__council", "status", "kind"]
    inlines = [AgendaItemInline, AttendanceInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["title", "session", "position", "withdrawn"]
    list_filter = ["session__mandate__council"]
    search_fields = ["title"]


@admin.register(Resolution)
class ResolutionAdmin(admin.ModelAdmin):
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
