import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from members.forms import DateInput, GuardedModelForm

from .models import AgendaItem, AgendaProposal, Attendance, Resolution, Session
from .uploads import check_material


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class MonthField(forms.DateField):
    """A month as the browser's month picker sends it ("2024-03"), kept as its first day."""

    widget = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                return datetime.datetime.strptime(value.strip(), "%Y-%m").date()
            except ValueError:
                raise ValidationError(
                    _("Enter a month as year and month, for example 2024-03."), code="invalid"
                ) from None
        return super().to_python(value)


class SessionForm(GuardedModelForm):
    planned_month = MonthField(
        label=_("Planned month"),
        required=False,
        help_text=_("When only the month is known so far."),
    )

    class Meta:
        model = Session
        fields = [
            "mandate",
            "number",
            "kind",
            "planned_month",
            "date",
            "time",
            "place",
            "notes",
            "report_summary",
        ]
        widgets = {
            "date": DateInput,
            "time": TimeInput,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "report_summary": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, council, mandate=None, **kwargs):
        """``mandate``: the one a new session is suggested in; else the one in force today."""
        super().__init__(*args, **kwargs)
        mandates = council.mandates.all()
        self.fields["mandate"].queryset = mandates
        if not self.instance.pk:
            mandate = mandate or mandates.current().first() or mandates.first()
            if mandate:
                number = next_session_number(mandate)
                self.initial.setdefault("mandate", mandate.pk)
                self.initial.setdefault("number", number)
                if number == 1:
                    # The first session of a mandate constitutes the council for it.
                    self.initial.setdefault("kind", Session.Kind.CONSTITUTIVE)
            self.fields["number"].help_text = _("The next free number is suggested.")
        if self.instance.is_locked:
            for name, field in self.fields.items():
                if name not in Session.OPEN_AFTER_APPROVAL and name != "seen_version":
                    field.help_text = _("Locked: the minutes of this session are approved.")

    def clean(self):
        cleaned = super().clean()
        # The same rule meetings/records.py enforces on save, said here in the user's words
        # (and before GuardedModelForm.save claims a version).
        frozen = [
            str(self.fields[name].label)
            for name in self.changed_data
            if self.instance.is_locked
            and name not in (*Session.OPEN_AFTER_APPROVAL, "seen_version")
        ]
        if frozen:
            raise ValidationError(
                _(
                    "The minutes of this session are approved, so these can no longer change: "
                    "%(fields)s."
                ),
                params={"fields": ", ".join(frozen)},
                code="locked",
            )
        return cleaned


def next_session_number(mandate):
    return (mandate.sessions.aggregate(last=Max("number"))["last"] or 0) + 1


class AgendaItemForm(GuardedModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "description",
            "presenter_person",
            "presenter_organization",
            "presenter_text",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.session = session
        council = session.mandate.council
        self.fields["presenter_person"].queryset = council.people.all()
        self.fields["presenter_organization"].queryset = council.organizations.all()

    def clean(self):
        cleaned = super().clean()
        if not self.instance.session.may_change_agenda():
            raise ValidationError(
                _("The agenda of a held or cancelled session cannot change."), code="locked"
            )
        return cleaned


class MaterialForm(forms.Form):
    file = forms.FileField(label=_("File"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content_type = check_material(upload)
        return upload


class ProposalForm(forms.ModelForm):
    class Meta:
        model = AgendaProposal
        fields = ["title", "description"]
        labels = {"title": _("Proposed agenda item")}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ProposalDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("accept")), ("decline", _("decline"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note to the proposer"), max_length=300, required=False)


class ResponseForm(forms.Form):
    response = forms.ChoiceField(choices=Attendance.Response.choices, widget=forms.RadioSelect)


class ResolutionForm(GuardedModelForm):
    class Meta:
        model = Resolution
        fields = ["number", "text", "outcome", "responsible", "deadline", "done_on"]
        widgets = {
            "deadline": DateInput,
            "done_on": DateInput,
            "text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.item = item
        self.instance.session = item.session
        self.fields["responsible"].queryset = item.session.mandate.council.organizations.all()
        if not self.instance.pk:
            last = item.session.resolutions.aggregate(last=Max("number"))["last"] or 0
            self.initial.setdefault("number", last + 1)
        if item.session.is_locked:
            # Approved minutes are the record; only the follow-up can still be noted.
            for name in self.fields:
                if name not in (*Resolution.OPEN_AFTER_APPROVAL, "seen_version"):
                    self.fields[name].disabled = True


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, session):
        """ "2. seja, 14. 3. 2024": the number alone repeats from mandate to mandate."""
        if session.date is None:
            return str(session)
        return _("%(session)s, %(date)s") % {
            "session": session,
            "date": date_format(session.date, "SHORT_DATE_FORMAT"),
        }


class MinutesApprovalForm(forms.Form):
    approved_at = SessionChoiceField(label=_("Approved at the session"), queryset=None)
    approved_on = forms.DateField(label=_("Approved on"), widget=DateInput)

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_at"].queryset = (
            Session.objects.of_council(session.mandate.council)
            .exclude(pk=session.pk)
            .held()
            .order_by("-date", "-number")
        )
