from django.contrib import admin

from .models import AnnualReport


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "council", "status", "adopted_on", "published_on"]
    list_filter = ["council", "status"]
    # The adopted file and its hash are the record: never edited by hand.
    readonly_fields = ["pdf", "pdf_sha256", "updated_at", "updated_by"]
