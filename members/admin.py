from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from .forms import GuardedModelForm
from .models import (
    Council,
    CouncilAccess,
    Mandate,
    Membership,
    Organization,
    Person,
    ensure_a_secretary_remains,
)
from .records import recorded_reasons
from .roles import Role


class KeptInRecordAdmin(SimpleHistoryAdmin):
    """Rows the records refer to: the delete page says why instead of deleting (no 500).

    Foreign keys that PROTECT are already listed by Django; this adds the reasons other apps
    registered with ``members.records.keep_while``. Editing is guarded by the same version
    check as the portal's own pages, and the object's history page lists who changed what.
    """

    form = GuardedModelForm

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for obj in objs:
            protected += [f"{obj}: {reason}" for reason in recorded_reasons(obj)]
        return deleted, counts, perms_needed, protected


class CouncilAccessFormSet(BaseInlineFormSet):
    """Refuses, with the message of ``ensure_a_secretary_remains``, to remove or demote the last
    secretary (the model would refuse too, but as an error page). A secretary added in the same
    save does not count yet: rows are saved one by one, and the demotion might come first."""

    def clean(self):
        super().clean()
        leaving = [
            form.instance.pk
            for form in self.initial_forms
            if form.initial.get("role") == Role.SECRETARY
            and (form in self.deleted_forms or form.cleaned_data.get("role") != Role.SECRETARY)
        ]
        if leaving:
            ensure_a_secretary_remains(self.instance.pk, leaving=leaving)


class CouncilAccessInline(admin.TabularInline):
    """Who works with the council and in what role: the installation administrator gives a new
    council its first secretary here (or with ``manage.py create_council``)."""

    model = CouncilAccess
    formset = CouncilAccessFormSet
    extra = 1
    raw_id_fields = ["user"]


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "email"]
    prepopulated_fields = {"slug": ["municipality"]}
    inlines = [CouncilAccessInline]


@admin.register(Organization)
class OrganizationAdmin(KeptInRecordAdmin):
    list_display = ["name", "short_name", "council"]
    list_filter = ["council"]
    search_fields = ["name", "short_name"]


@admin.register(Person)
class PersonAdmin(KeptInRecordAdmin):
    list_display = ["last_name", "first_name", "honorific", "email", "council"]
    list_filter = ["council"]
    search_fields = ["first_name", "last_name", "email"]
    raw_id_fields = ["user"]


class SeatsFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk and (reasons := recorded_reasons(form.instance)):
                raise ValidationError(
                    _("%(seat)s cannot be deleted: %(why)s. End the seat instead.")
                    % {"seat": form.instance, "why": "; ".join(reasons)}
                )


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = SeatsFormSet
    extra = 0
    autocomplete_fields = ["person", "organization"]


@admin.register(Mandate)
class MandateAdmin(KeptInRecordAdmin):
    list_display = ["label", "council", "starts_on", "ends_on"]
    list_filter = ["council"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(KeptInRecordAdmin):
    list_display = ["person", "organization", "role", "mandate", "starts_on", "ends_on"]
    list_filter = ["mandate__council", "role"]
    autocomplete_fields = ["person", "organization"]
