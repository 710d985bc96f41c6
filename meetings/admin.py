"""The admin obeys the record rules of meetings/records.py: what is locked shows read-only, and
records have no delete button (the rule below would refuse the deletion anyway)."""

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
    Vote,
)
from .records import is_record


def session_of(obj):
    if obj is None:
        return None
    if isinstance(obj, Session):
        return obj
    if isinstance(obj, Material):
        return obj.item.session
    return obj.session


class RecordAdminMixin:
    """No delete button or bulk delete for records; read-only once the minutes are approved,
    except the fields the model keeps open (``OPEN_AFTER_APPROVAL``)."""

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and is_record(obj))

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_change_permission(self, request, obj=None):
        session = session_of(obj)
        if session is not None and session.is_locked and not self._open_fields():
            return False
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        session = session_of(obj)
        if session is not None and session.is_locked:
            open_fields = self._open_fields()
            readonly += [
                f.name
                for f in self.model._meta.get_fields()
                if f.concrete and f.editable and not f.primary_key and f.name not in open_fields
            ]
        return readonly

    def _open_fields(self):
        return set(getattr(self.model, "OPEN_AFTER_APPROVAL", ()))


class LockedInlineMixin:
    """Inlines of an approved session can be neither added, changed nor deleted."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not (obj and obj.is_locked)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_locked)

    def has_delete_permission(self, request, obj=None):
        # Records among the rows are refused again when deleted (meetings/records.py).
        return super().has_delete_permission(request, obj) and not (obj and obj.is_record)


class AgendaItemInline(LockedInlineMixin, admin.StackedInline):
    model = AgendaItem
    fields = ["position", "title", "description", "presenter_person", "presenter_text", "withdrawn"]

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.agenda_was_sent)


class AttendanceInline(LockedInlineMixin, admin.TabularInline):
    model = Attendance

    def has_delete_permission(self, request, obj=None):
        return False  # attendance is a record


@admin.register(Session)
class SessionAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "mandate", "kind", "status", "date", "planned_month", "public"]
    list_filter = ["mandate__council", "status", "kind"]
    inlines = [AgendaItemInline, AttendanceInline]

    def has_change_permission(self, request, obj=None):
        # The summary for the annual report stays open, but not through this page with its
        # inlines: it is written on the session's own edit page.
        if obj is not None and obj.is_locked:
            return False
        return super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not obj.may_change_invitation_number():
            readonly.append("invitation_number")  # the members have the letter with it
        return readonly


@admin.register(AgendaItem)
class AgendaItemAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ["title", "session", "position", "withdrawn"]
    list_filter = ["session__mandate__council"]
    search_fields = ["title"]


@admin.register(Resolution)
class ResolutionAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "session", "outcome", "responsible", "deadline", "done_on", "public"]
    list_filter = ["session__mandate__council", "outcome"]


@admin.register(Material)
class MaterialAdmin(RecordAdminMixin, admin.ModelAdmin):
    list_display = ["original_name", "item", "uploaded_at", "withdrawn_at", "public"]


@admin.register(InvitationDelivery)
class InvitationDeliveryAdmin(RecordAdminMixin, admin.ModelAdmin):
    """What was sent to whom is a record: shown, never changed or deleted."""

    list_display = ["__str__", "kind", "status", "sent_at"]
    list_filter = ["session__mandate__council", "kind", "status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AgendaProposal)
class AgendaProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "session", "proposed_by", "status"]
    list_filter = ["status"]


admin.site.register(AgendaChange)
admin.site.register(CalendarFeed)


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    """A member's vote is theirs to cast, in the portal; the admin only shows it."""

    list_display = ["__str__", "resolution", "cast_at"]
    list_filter = ["resolution__session__mandate__council"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
