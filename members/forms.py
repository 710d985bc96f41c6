import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.formats import date_format, time_format
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .collation import Slovenian
from .models import Mandate, Membership, Organization, Person
from .roles import Role
from .rollover import Seat


class DateInput(forms.DateInput):
    """The browser's date picker; it submits ISO dates whatever the interface language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


# Said by claim_version() alone, where nothing shows the other version.
CONFLICT_MESSAGE = _(
    "Someone else saved this after you opened it, so your changes were not saved. What you "
    "typed is still below: copy what you need, reload the page to see their version, and "
    "make your changes again."
)
# Said by GuardedModelForm, which lists the other person's changes under it.
CONFLICT_SHOWN_MESSAGE = _(
    "Someone else saved this after you opened it, so your changes were not saved. What you "
    "typed is still in the form; what they changed is listed here. Saving again replaces their "
    "version with what is in the form."
)


def claim_version(model, pk, seen):
    """Raise the stored lock_version from ``seen`` by one, or fail if it has moved on."""
    seen = as_version(seen)
    # Raised in the database: a posted number no row can hold (tampered with) is a conflict
    # like any other, not an overflow when written back.
    opened = model.objects.filter(pk=pk, lock_version=seen)
    if not opened.update(lock_version=F("lock_version") + 1):
        raise ValidationError(CONFLICT_MESSAGE, code="conflict")
    return seen + 1


class GuardedModelForm(forms.ModelForm):
    """A form that will not overwrite what another person saved after it was opened.

    The version the form was opened at travels with it; saving claims the next version in the
    same transaction, so of two people saving the same object only the first succeeds. The
    second is told so, with each field the other person changed: their value beside what this
    person typed, which stays in the form.
    """

    seen_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.instance.lock_version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = type(self.instance).objects.filter(pk=self.instance.pk)
            if not current.filter(lock_version=as_version(cleaned.get("seen_version"))).exists():
                raise self.conflict()
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        obj = super().save(commit=False)
        if obj.pk:
            try:
                seen = self.cleaned_data["seen_version"]
                obj.lock_version = claim_version(type(obj), obj.pk, seen)
            except ValidationError:  # saved by someone else since clean() looked
                raise self.conflict() from None
        if commit:
            obj.save()
            self.save_m2m()  # set by ModelForm.save(commit=False) above
        return obj

    def conflict(self):
        """The refusal to show: the message, who saved last, and what they changed.

        The form then carries the stored version, so that saving again, once the person has
        seen the other change, is a deliberate choice rather than a second refusal.
        """
        model = type(self.instance)
        stored = model.objects.filter(pk=self.instance.pk).first()
        if stored is None:
            return ValidationError(CONFLICT_MESSAGE, code="conflict")
        opened = _state_at(stored, self.data.get(self.add_prefix("seen_version")))
        messages = [ValidationError(CONFLICT_SHOWN_MESSAGE, code="conflict")]
        last = _last_change(stored)
        if last is not None:
            messages.append(ValidationError(last, code="conflict"))
        for field in self._compared_fields():
            unchanged = opened is not None and (
                field.value_from_object(opened) == field.value_from_object(stored)
            )
            if unchanged:
                continue  # they did not change it
            typed = self._typed(field)
            if opened is None and _shown(field, typed) == _shown_stored(field, stored):
                continue  # without the opened state, list only what differs
            message = _("%(field)s: they saved “%(theirs)s”, you typed “%(yours)s”.") % {
                "field": capfirst(self.fields[field.name].label or field.verbose_name),
                "theirs": _shown_stored(field, stored),
                "yours": _shown(field, typed),
            }
            messages.append(ValidationError(message, code="conflict"))
        self.data = self.data.copy()
        self.data[self.add_prefix("seen_version")] = str(stored.lock_version)
        return ValidationError(messages)

    def _compared_fields(self):
        names = [name for name in self.fields if not self.fields[name].disabled]
        return [
            field
            for field in self.instance._meta.concrete_fields
            if field.name in names and field.editable
        ]

    def _typed(self, field):
        cleaned = getattr(self, "cleaned_data", {})
        if field.name in cleaned:
            return cleaned[field.name]
        return self.data.get(self.add_prefix(field.name), "")


def _state_at(stored, seen):
    """The object as it was at version ``seen``, from its history; None if that is not known."""
    history = getattr(stored, "history", None)
    if history is None or as_version(seen) < 0:
        return None
    record = history.filter(lock_version=as_version(seen)).order_by("history_date", "history_id")
    record = record.last()
    return record.instance if record is not None else None


def _last_change(stored):
    history = getattr(stored, "history", None)
    record = history.select_related("history_user").first() if history is not None else None
    if record is None or record.history_user is None:
        return None
    user = record.history_user
    return _("Last saved by %(user)s on %(when)s.") % {
        "user": user.get_full_name() or user.get_username(),
        "when": date_format(localtime(record.history_date), "SHORT_DATETIME_FORMAT"),
    }


def _shown_stored(field, stored):
    if field.is_relation:
        return _shown(field, getattr(stored, field.name))
    return _shown(field, field.value_from_object(stored))


def _shown(field, value):
    """A value as the page would show it: choice labels, Slovenian dates, names of objects."""
    if value in (None, ""):
        return "—"
    if field.choices and not field.is_relation:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.time):
        return time_format(value)
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    return str(value)


# lock_version is a PositiveIntegerField (up to 2**31 - 1 on every database): a posted number past
# the last one a row can move on from would overflow the query and answer 500 instead of a conflict.
LAST_VERSION = 2**31 - 2


def as_version(value):
    """A posted version number; -1, which no row has, for anything that is not one."""
    try:
        version = int(value)
    except (TypeError, ValueError):
        return -1
    return version if 0 <= version <= LAST_VERSION else -1


class CouncilModelForm(GuardedModelForm):
    """A form for an object that belongs to a council the view has already authorised.

    The council is not a form field; it is set on the instance here, and the model keeps the
    constraints that name it in validation (``ChecksFieldsSetByCode``), so their errors show on
    the form.
    """

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.council = council


class OrganizationForm(CouncilModelForm):
    class Meta:
        model = Organization
        fields = ["name", "short_name", "report_group", "report_order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Most councils never order their organizations: an empty order is the first place.
        self.fields["report_order"].required = False

    def clean_report_order(self):
        return self.cleaned_data["report_order"] or 0


class PersonForm(CouncilModelForm):
    class Meta:
        model = Person
        fields = ["honorific", "first_name", "last_name", "gender", "email", "phone", "user"]
        widgets = {"gender": forms.RadioSelect}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, council=council, **kwargs)
        # Only logins with a role in this council that are not another person of it yet, and
        # the person's own login even after its role here was revoked (Dostopi).
        taken = council.people.exclude(pk=self.instance.pk).values("user")
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(Q(council_accesses__council=council) | Q(pk=self.instance.user_id))
            .exclude(pk__in=taken.filter(user__isnull=False))
            .distinct()
            .order_by(Slovenian("username"))
        )
        self.fields["user"].help_text = _("The account this person logs in with, if any.")


class MandateForm(CouncilModelForm):
    class Meta:
        model = Mandate
        fields = ["label", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput, "ends_on": DateInput}


class MembershipForm(GuardedModelForm):
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


class MembershipEndForm(GuardedModelForm):
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


class CarriedSeatForm(forms.Form):
    """One seat of the next mandate, suggested from the last day of the previous one."""

    organization = forms.ModelChoiceField(label=_("Organization"), queryset=None)
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=None,
        required=False,
        empty_label=_("— not named (vacant seat) —"),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)
    function_title = forms.CharField(label=_("Function"), max_length=200, required=False)

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = council.organizations.all()
        self.fields["person"].queryset = council.people.all()
        # Rendered as a table row, not through crispy, so the Bootstrap classes are set here.
        for field in self.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault("class", "form-select" if is_select else "form-control")


class BaseCarriedSeatFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        dropped = form.fields[DELETION_FIELD_NAME]
        dropped.label = _("Do not carry over")
        dropped.widget.attrs["class"] = "form-check-input"

    def clean(self):
        """What the seats' model rules would refuse one by one, said on the rows at once."""
        if any(self.errors):
            return
        seen_people = set()
        chairs = 0
        for form in self.kept_forms():
            person = form.cleaned_data.get("person")
            if person is not None:
                if person.pk in seen_people:
                    form.add_error("person", _("This person is already named in another seat."))
                seen_people.add(person.pk)
            if form.cleaned_data.get("role") == Membership.Role.CHAIR:
                chairs += 1
                if chairs > 1:
                    form.add_error("role", _("Only one seat can be the chair."))

    def kept_forms(self):
        """Rows not dropped (a blank row someone added is not a seat either)."""
        return [
            form
            for form in self.forms
            if not self._should_delete_form(form) and form.cleaned_data.get("organization")
        ]

    def kept_seats(self):
        """The seats of the new mandate, as the secretary left them."""
        fields = ("organization", "person", "role", "function_title")
        return [
            Seat(**{name: form.cleaned_data[name] for name in fields}) for form in self.kept_forms()
        ]


CarriedSeatFormSet = forms.formset_factory(
    CarriedSeatForm, formset=BaseCarriedSeatFormSet, extra=0, can_delete=True
)


class RoleForm(forms.Form):
    """The role to give a login in the council (the Dostopi page's invite and change forms)."""

    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
