from django.contrib import admin
from django.db import transaction

from .models import AnnualReport

# Set only by the report's life-cycle steps (adopt, publish, correct), which record them.
LIFE_CYCLE_FIELDS = [
    "status",
    "version",
    "adopted_at",
    "adopted_on",
    "published_on",
    "pdf",
    "pdf_sha256",
    "supersedes",
    "updated_at",
    "updated_by",
]


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "council", "status", "adopted_on", "published_on"]
    list_filter = ["council", "status"]

    readonly_fields = LIFE_CYCLE_FIELDS

    def has_change_permission(self, request, obj=None):
        # An adopted report is the record: the admin shows it and changes nothing.
        return super().has_change_permission(request, obj) and not (obj and not obj.is_draft)

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        # Move the version like the portal's own edit page, so a form opened there before this
        # save cannot write its older text over it.
        if change:
            stored = AnnualReport.objects.select_for_update().filter(pk=obj.pk)
            obj.lock_version = stored.values_list("lock_version", flat=True).get() + 1
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and not obj.is_draft)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions
