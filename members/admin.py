from django.contrib import admin

from .models import Council, Mandate, Membership, Organization, Person


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "email"]
    prepopulated_fields = {"slug": ["municipality"]}
    filter_horizontal = ["users"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "council"]
    list_filter = ["council"]
    search_fields = ["name", "short_name"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "honorific", "email", "council"]
    list_filter = ["council"]
    search_fields = ["first_name", "last_name", "email"]
    raw_id_fields = ["user"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person", "organization"]


@admin.register(Mandate)
class MandateAdmin(admin.ModelAdmin):
    list_display = ["label", "council", "starts_on", "ends_on"]
    list_filter = ["council"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "organization", "role", "mandate", "starts_on", "ends_on"]
    list_filter = ["mandate__council", "role"]
    autocomplete_fields = ["person", "organization"]
