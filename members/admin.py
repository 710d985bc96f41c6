from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.admin import SimpleHistoryAdmin

from .forms import GuardedModelForm
from .models import (
    Council,
    CouncilAccess,
    Mandate,
    Membership,
    Organization,
    Person,
    SecondFactorReset,
    ensure_a_secretary_remains,
)
from .records import recorded_reasons
from .roles import Role
from .two_factor import second_factor_reset


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
    list_display = ["name", "short_name", "report_group", "council"]
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


@admin.action(description=gettext_lazy("Reset the second factor of the selected logins"))
def reset_second_factor(modeladmin, request, queryset):
    """The installation administrator resets a lost second factor (a secretary's, which no
    council page may): asked first, like Django's own delete, then recorded."""
    if request.POST.get("post") == "yes":
        for user in queryset:
            second_factor_reset(user, by=request.user)
        modeladmin.message_user(
            request,
            _("The second factor has been reset for: %(logins)s.")
            % {"logins": ", ".join(user.get_username() for user in queryset)},
            messages.SUCCESS,
        )
        return None
    return TemplateResponse(
        request,
        "admin/reset_second_factor_confirmation.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": _("Reset the second factor"),
            "opts": modeladmin.model._meta,
            "queryset": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        },
    )


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class LoginAdmin(UserAdmin):
    actions = [reset_second_factor]


@admin.register(SecondFactorReset)
class SecondFactorResetAdmin(admin.ModelAdmin):
    """Read-only: the record of resets is written by the resets themselves."""

    list_display = ["at", "user", "reset_by", "council"]
    list_filter = ["council"]
    search_fields = ["user__username", "reset_by__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Devices are removed only by a recorded reset (above, or by a council's secretary); django-otp's
# own device pages would delete them without a trace.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)
