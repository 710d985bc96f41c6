from django.contrib import admin

from .models import AnnualReport


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "council", "status", "adopted_on", "published_on"]
    list_filter = ["council", "status"]
    # The adopted file and its hash are the record: never edited by hand.
    readonly_fields = ["pdf", "pdf_sha256", "updated_at", "updated_by"]

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and not obj.is_draft)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions
