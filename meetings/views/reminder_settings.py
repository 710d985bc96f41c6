"""The login's own page where each kind of reminder is turned on or off (``/racun/opomniki/``).

Only reminders are listed: invitations and notices of a change (a new date, time or place, an
amended agenda, a cancellation) are what a member must receive, and always go out.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..reminder_models import ReminderKind, ReminderPreference


class ReminderSettingsForm(forms.Form):
    """One checkbox per kind of reminder: checked, it is sent."""

    def __init__(self, *args, turned_off=(), **kwargs):
        super().__init__(*args, **kwargs)
        for kind in ReminderKind:
            self.fields[kind.value] = forms.BooleanField(
                label=kind.label, required=False, initial=kind.value not in turned_off
            )

    def chosen(self):
        return {kind: self.cleaned_data[kind.value] for kind in ReminderKind}


SAVED = gettext_lazy("Your choice of reminders has been saved.")


@login_required
def reminder_settings(request):
    user = request.user
    turned_off = set(
        ReminderPreference.objects.filter(user=user, enabled=False).values_list("kind", flat=True)
    )
    form = ReminderSettingsForm(
        request.POST if request.method == "POST" else None, turned_off=turned_off
    )
    if request.method == "POST" and form.is_valid():
        ReminderPreference.objects.bulk_create(
            [
                ReminderPreference(user=user, kind=kind, enabled=enabled)
                for kind, enabled in form.chosen().items()
            ],
            update_conflicts=True,
            unique_fields=["user", "kind"],
            update_fields=["enabled", "changed_at"],
        )
        messages.success(request, SAVED)
        return redirect("reminder_settings")
    return render(
        request,
        "meetings/reminder_settings.html",
        {"form": form, "title": _("Reminders by e-mail")},
    )
