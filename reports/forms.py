from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import Session
from members.forms import DateInput, GuardedModelForm

from .models import AnnualReport

TEXT_AREA = forms.Textarea(attrs={"rows": 6})
PLAIN_TEXT_HELP = _(
    "Plain text: a blank line starts a paragraph, a line beginning with - is a bullet."
)


class ReportCreateForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ["report_year", "plan_year"]

    def __init__(self, *args, council, initial_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.council = council
        self.initial.setdefault("report_year", initial_year)
        self.initial.setdefault("plan_year", initial_year + 1)

    def _get_validation_exclusions(self):
        # Keep the council in validation so "one report per council and year" shows on the form.
        exclusions = super()._get_validation_exclusions()
        exclusions.discard("council")
        exclusions.discard("version")
        return exclusions


class ReportForm(GuardedModelForm):
    class Meta:
        model = AnnualReport
        fields = [
            "subject",
            "salutation",
            "introduction",
            "report_heading",
            "background",
            "membership",
            "sessions",
            "conclusion",
            "plan_heading",
            "schedule",
            "schedule_note",
            "topics",
            "projects",
            "preparer",
            "signatory",
        ]
        widgets = {
            name: TEXT_AREA
            for name in [
                "introduction",
                "background",
                "membership",
                "sessions",
                "conclusion",
                "schedule",
                "schedule_note",
                "topics",
                "projects",
            ]
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        people = self.instance.council.people.all()
        self.fields["preparer"].queryset = people
        self.fields["signatory"].queryset = people
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.help_text = PLAIN_TEXT_HELP


class AdoptionForm(forms.Form):
    adopted_at = forms.ModelChoiceField(label=_("Adopted at the session"), queryset=None)
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DateInput)

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopted_at"].queryset = Session.objects.of_council(report.council).filter(
            status=Session.Status.HELD
        )

    def clean(self):
        cleaned = super().clean()
        session, day = cleaned.get("adopted_at"), cleaned.get("adopted_on")
        if session and day and session.date and day != session.date:
            self.add_error("adopted_on", _("The date must be the day of that session."))
        return cleaned
