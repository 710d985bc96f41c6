import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Max
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
        help_text=_("When only the month is known yet."),
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

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        mandates = council.mandates.all()
        self.fields["mandate"].queryset = mandates
        if not self.instance.pk:
            mandate = mandates.current().first() or mandates.first()
            if mandate:
                self.initial.setdefault("mandate", mandate.pk)
                self.initial.setdefault("number", next_session_number(mandate))
            self.fields["number"].help_text = _("The next free number is suggested.")


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


class ResolutionForm(forms.ModelForm):
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
        if item.session.minutes_locked:
            # Approved minutes are the record; only the follow-up can still be noted.
            for name in self.fields:
                if name != "done_on":
                    self.fields[name].disabled = True

    def _get_validation_exclusions(self):
        # The session is set from the item, not typed; keep it so the number's uniqueness is
        # checked on the form rather than failing in the database.
        exclusions = super()._get_validation_exclusions()
        exclusions.discard("session")
        return exclusions


class MinutesApprovalForm(forms.Form):
    approved_at = forms.ModelChoiceField(label=_("Approved at the session"), queryset=None)
    approved_on = forms.DateField(label=_("Approved on"), widget=DateInput)

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_at"].queryset = (
            Session.objects.of_council(session.mandate.council)
            .exclude(pk=session.pk)
            .filter(status=Session.Status.HELD)
        )
