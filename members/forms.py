from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Mandate, Membership, Organization, Person


class DateInput(forms.DateInput):
    """The browser's date picker; it submits ISO dates whatever the interface language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


CONFLICT_MESSAGE = _(
    "Someone else saved this after you opened it, so your changes were not saved. What you "
    "typed is still below: copy what you need, reload the page to see their version, and "
    "make your changes again."
)


def claim_version(model, pk, seen):
    """Raise the stored lock_version from ``seen`` by one, or fail if it has moved on."""
    try:
        seen = int(seen)
    except (TypeError, ValueError):
        raise ValidationError(CONFLICT_MESSAGE, code="conflict") from None
    if not model.objects.filter(pk=pk, lock_version=seen).update(lock_version=seen + 1):
        raise ValidationError(CONFLICT_MESSAGE, code="conflict")
    return seen + 1


class GuardedModelForm(forms.ModelForm):
    """A form that will not overwrite what another person saved after it was opened.

    The version the form was opened at travels with it; saving claims the next version in the
    same transaction, so of two people saving the same object only the first succeeds.
    """

    seen_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.instance.lock_version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = type(self.instance).objects.filter(pk=self.instance.pk)
            if not current.filter(lock_version=_as_int(cleaned.get("seen_version"))).exists():
                raise ValidationError(CONFLICT_MESSAGE, code="conflict")
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        obj = super().save(commit=False)
        if obj.pk:
            obj.lock_version = claim_version(type(obj), obj.pk, self.cleaned_data["seen_version"])
        if commit:
            obj.save()
            self._save_m2m()
        return obj


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


class CouncilModelForm(forms.ModelForm):
    """A form for an object that belongs to a council the view has already authorised.

    The council is not a form field, so Django would leave it out of model validation, and with it
    every constraint that names it ("one organization of that name per council"). We set it on the
    instance first and keep it in validation, so such errors show on the form instead of as a 500.
    """

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.council = council

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        exclusions.discard("council")
        return exclusions


class OrganizationForm(CouncilModelForm):
    class Meta:
        model = Organization
        fields = ["name", "short_name"]


class PersonForm(CouncilModelForm):
    class Meta:
        model = Person
        fields = ["honorific", "first_name", "last_name", "gender", "email", "phone", "user"]
        widgets = {"gender": forms.RadioSelect}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        # Only accounts of this council that are not linked to someone else yet.
        self.fields["user"].queryset = council.users.filter(
            Q(person__isnull=True) | Q(pk=self.instance.user_id)
        )
        self.fields["user"].help_text = _("The account this person logs in with, if any.")


class MandateForm(CouncilModelForm):
    class Meta:
        model = Mandate
        fields = ["label", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["person", "organization", "role", "function_title", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}

    def __init__(self, *args, mandate, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.mandate = mandate
        self.fields["person"].queryset = mandate.council.people.all()
        self.fields["organization"].queryset = mandate.council.organizations.all()
        if not self.instance.pk:
            self.initial.setdefault("starts_on", mandate.roster_day())


class MembershipEndForm(forms.ModelForm):
    """Ends a seat early, for example when an organization sends someone else."""

    class Meta:
        model = Membership
        fields = ["ends_on"]
        widgets = {"ends_on": DateInput}
        labels = {"ends_on": _("Last day in the seat")}
        help_texts = {"ends_on": ""}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].required = True
